import Foundation
import KarpenterAPI
import Testing
@testable import KubeClient

@Suite struct RESTConfigResolverTests {
    /// A one-cluster kubeconfig at /cfg/config with the given cluster and user bodies (YAML flow maps).
    func resolve(cluster: String, user: String = "{}", context: String = "{cluster: c, user: u}",
                 files extra: [String: String] = [:], flags: ConnectionOverrides = ConnectionOverrides()) throws -> RESTConfig {
        let text = """
            current-context: ctx
            clusters: [{name: c, cluster: \(cluster)}]
            contexts: [{name: ctx, context: \(context)}]
            users: [{name: u, user: \(user)}]
            """
        var all = extra
        all["/cfg/config"] = text
        let loader = ClientConfigLoader(files: InMemoryFileSource(all), environment: ["KUBECONFIG": "/cfg/config"],
                                        workingDirectory: "/work")
        return try loader.load(flags)
    }

    func failure(cluster: String, user: String = "{}", context: String = "{cluster: c, user: u}",
                 files: [String: String] = [:], flags: ConnectionOverrides = ConnectionOverrides()) -> String {
        errorText { try resolve(cluster: cluster, user: user, context: context, files: files, flags: flags) }
    }

    @Test func dataFieldsWinOverFiles() throws {
        let config = try resolve(
            cluster: "{server: 'https://k', certificate-authority: missing-ca.crt, certificate-authority-data: \(b64("CA-DATA"))}",
            user: "{client-certificate: missing.crt, client-certificate-data: \(b64("CERT")), client-key: missing.key, client-key-data: \(b64("KEY"))}")
        #expect(config.tls.certificateAuthorityData == Data("CA-DATA".utf8))
        #expect(config.tls.clientCertificateData == Data("CERT".utf8))
        #expect(config.tls.clientKeyData == Data("KEY".utf8))
    }

    @Test func filesAreReadRelativeToTheKubeconfig() throws {
        let config = try resolve(
            cluster: "{server: 'https://k', certificate-authority: certs/ca.crt}",
            user: "{client-certificate: ./client.crt, client-key: /keys/client.key, tokenFile: token}",
            files: ["/cfg/certs/ca.crt": "CA-FILE", "/cfg/client.crt": "CERT-FILE", "/keys/client.key": "KEY-FILE",
                    "/cfg/token": "file-token\n"])
        #expect(config.tls.certificateAuthorityData == Data("CA-FILE".utf8))
        #expect(config.tls.clientCertificateData == Data("CERT-FILE".utf8))
        #expect(config.tls.clientKeyData == Data("KEY-FILE".utf8))
        #expect(config.credentials.bearerToken == "file-token")
        #expect(config.credentials.bearerTokenFile == "/cfg/token")
    }

    @Test func flagFilesAreRelativeToTheWorkingDirectoryAndReplaceData() throws {
        let config = try resolve(
            cluster: "{server: 'https://k', certificate-authority-data: \(b64("CA-DATA"))}",
            user: "{client-certificate-data: \(b64("CERT")), client-key-data: \(b64("KEY"))}",
            files: ["/work/ca.pem": "FLAG-CA", "/work/c.pem": "FLAG-CERT", "/work/k.pem": "FLAG-KEY"],
            flags: ConnectionOverrides(certificateAuthority: "ca.pem", clientCertificate: "c.pem", clientKey: "k.pem"))
        #expect(config.tls.certificateAuthorityData == Data("FLAG-CA".utf8))
        #expect(config.tls.clientCertificateData == Data("FLAG-CERT".utf8))
        #expect(config.tls.clientKeyData == Data("FLAG-KEY".utf8))
    }

    @Test func clusterFieldsReachTheRESTConfig() throws {
        let config = try resolve(
            cluster: "{server: 'aks.example:443', tls-server-name: kubernetes, proxy-url: 'http://proxy:3128', disable-compression: true}",
            user: "{as: bob, as-groups: [devs]}")
        #expect(config.server.absoluteString == "https://aks.example:443", "a bare host:port means https")
        #expect(config.tls.serverName == "kubernetes")
        #expect(config.proxyURL?.absoluteString == "http://proxy:3128")
        #expect(config.disableCompression)
        #expect(config.credentials.impersonate == RESTConfig.Impersonation(user: "bob", groups: ["devs"]))
        let flagged = try resolve(cluster: "{server: 'https://k', tls-server-name: a}", user: "{as: bob}",
                                  flags: ConnectionOverrides(tlsServerName: "b", impersonate: "alice", impersonateGroups: ["ops"]))
        #expect(flagged.tls.serverName == "b")
        #expect(flagged.credentials.impersonate?.user == "alice")
        #expect(flagged.credentials.impersonate?.groups == ["ops"])
    }

    @Test func missingEntriesSayWhatAndWhere() {
        #expect(failure(cluster: "{server: 'https://k'}", context: "{cluster: gone, user: u}")
                == "cluster \"gone\" (from context \"ctx\") not found in /cfg/config (clusters: c)")
        #expect(failure(cluster: "{server: 'https://k'}", context: "{cluster: c, user: nobody}")
                == "user \"nobody\" (from context \"ctx\") not found in /cfg/config (users: u)")
        #expect(failure(cluster: "{server: 'https://k'}", context: "{user: u}").hasPrefix(
                "context \"ctx\" in /cfg/config names no cluster"))
        #expect(failure(cluster: "{insecure-skip-tls-verify: true}")
                .hasPrefix("cluster \"c\" in /cfg/config has no server"))
        #expect(failure(cluster: "{server: 'ftp://k'}").contains("invalid server \"ftp://k\""))
        #expect(failure(cluster: "{server: 'https://k', proxy-url: 'proxy:3128'}").contains("invalid proxy-url \"proxy:3128\""))
        let noCurrent = errorText {
            try ClientConfigLoader(files: InMemoryFileSource(["/c": "contexts: [{name: x, context: {cluster: y}}]"]),
                                   environment: ["KUBECONFIG": "/c"]).load()
        }
        #expect(noCurrent == "no context selected: current-context is not set in /c and --context was not given (contexts: x)")
    }

    @Test func unreadableReferencesAndBadBase64NameTheField() {
        #expect(failure(cluster: "{server: 'https://k', certificate-authority: ca.crt}")
                == "cannot read certificate-authority /cfg/ca.crt of cluster \"c\" in /cfg/config: /cfg/ca.crt: no such file")
        #expect(failure(cluster: "{server: 'https://k'}", user: "{client-key-data: '!!notbase64'}")
                == "client-key-data of user \"u\" in /cfg/config is not valid base64")
        #expect(failure(cluster: "{server: 'https://k'}", user: "{tokenFile: /secret/token}")
                .hasPrefix("cannot read tokenFile /secret/token of user \"u\""))
        #expect(failure(cluster: "{server: 'https://k'}", user: "{client-certificate-data: \(b64("C"))}")
                .contains("has a client certificate or key but no client-key(-data)"))
    }

    @Test func conflictingSettingsAreRejected() {
        #expect(failure(cluster: "{server: 'https://k'}", user: "{token: t, username: u, password: p}")
                == "user \"u\" in /cfg/config has more than one authentication method (token, basic auth); keep only one")
        #expect(failure(cluster: "{server: 'https://k', insecure-skip-tls-verify: true, certificate-authority-data: \(b64("CA"))}")
                .contains("certificate-authority and insecure-skip-tls-verify are both set"))
        #expect(failure(cluster: "{server: 'https://k'}", user: "{auth-provider: {name: azure}}")
                .contains("kubelogin convert-kubeconfig"))
    }

    @Test func insecureFlagDropsTheConfiguredCA() throws {
        let config = try resolve(cluster: "{server: 'https://k', certificate-authority-data: \(b64("CA"))}",
                                 flags: ConnectionOverrides(insecureSkipTLSVerify: true))
        #expect(config.tls.insecureSkipTLSVerify)
        #expect(config.tls.certificateAuthorityData == nil)
    }

    @Test func execConfigIsValidatedAndCarriesTheClusterExtension() throws {
        let cluster = "{server: 'https://k', extensions: [{name: client.authentication.k8s.io/exec, extension: {tenant: t1}}]}"
        let config = try resolve(cluster: cluster, user: """
            {exec: {apiVersion: client.authentication.k8s.io/v1, command: kubelogin, args: [get-token], interactiveMode: Never}}
            """)
        #expect(config.credentials.exec?.command == "kubelogin")
        #expect(config.credentials.execClusterConfig?.objectValue?["tenant"] == .string("t1"))

        #expect(failure(cluster: cluster, user: "{exec: {apiVersion: client.authentication.k8s.io/v1, command: kubelogin}}")
                == "exec plugin of user \"u\" in /cfg/config: interactiveMode must be set (Never, IfAvailable or Always) for client.authentication.k8s.io/v1")
        #expect(failure(cluster: cluster, user: "{exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}")
                .contains("apiVersion \"client.authentication.k8s.io/v1alpha1\" is not supported"))
        #expect(failure(cluster: cluster, user: "{exec: {command: x}}").contains("apiVersion is not set"))
    }

    @Test func tokenFlagReplacesOtherUserAuthentication() throws {
        let config = try resolve(cluster: "{server: 'https://k'}",
                                 user: "{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin}}",
                                 flags: ConnectionOverrides(token: "t"))
        #expect(config.credentials.bearerToken == "t")
        #expect(config.credentials.exec == nil)
    }

    private func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
