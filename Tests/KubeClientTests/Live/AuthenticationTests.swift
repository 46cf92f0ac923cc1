import Foundation
import InProcessAPIServer
import KarpenterAPI
import Testing
@testable import KubeClient

@Suite("Authentication and TLS against the in-process API server over HTTPS")
struct AuthenticationTests {
    @Test func clientCertificateAuthenticatesAsItsCommonName() async throws {
        try await LiveServer.with { live in
            let identity = try live.certificates.issueClientCertificate(commonName: "alice", organizations: ["system:masters"])
            let tls = RESTConfig.TLSSettings(certificateAuthorityData: Data(live.certificates.caPEM.utf8),
                                             clientCertificateData: Data(identity.certificatePEM.utf8),
                                             clientKeyData: Data(identity.keyPEM.utf8))
            let namespace = try await live.withClient(live.config(token: nil, tls: tls)) { client in
                try await client.get(.namespaces, name: "default")
            }
            #expect(name(of: namespace) == "default")
            #expect(live.server.requests.last?.user == "alice")
        }
    }

    @Test func bearerTokenAuthenticatesAndAWrongOneIsRefusedWith401() async throws {
        try await LiveServer.with { live in
            _ = try await live.withClient { client in try await client.get(.namespaces, name: "default") }
            #expect(live.server.requests.last?.user == "admin")
            do {
                _ = try await live.withClient(live.config(token: "wrong")) { client in
                    try await client.get(.namespaces, name: "default")
                }
                Issue.record("a wrong token must be refused")
            } catch {
                #expect(error.kubeStatus?.isUnauthorized == true)
            }
        }
    }

    @Test func anExecPluginTokenIsReusedWhileValidAndFetchedAgainAfterA401() async throws {
        try await LiveServer.with { live in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let script = try ExecScripts.token(in: directory)
            for run in 1...4 { live.server.setBearerToken("token-\(run)", user: "exec-user-\(run)") }
            // Valid for a long time: the first requests share one run of the plugin.
            try directory.write("expiry", RFC3339.format(Date().addingTimeInterval(3600)))
            let exec = ExecConfig(apiVersion: ExecScripts.v1, command: script, interactiveMode: .never)
            let config = live.config(credentials: RESTConfig.Credentials(exec: exec))
            let options = ClientOptions(environment: ["PATH": "/usr/bin:/bin"])
            try await live.withClient(config, options: options) { client in
                _ = try await client.get(.namespaces, name: "default")
                _ = try await client.get(.namespaces, name: "kube-system")
                #expect(directory.read("count") == "1\n", "a valid credential is cached")
                #expect(live.server.requests.last?.user == "exec-user-1")

                // The server stops accepting token-1: one 401, one new run, the request succeeds.
                live.server.setBearerToken("token-1", user: nil)
                _ = try await client.get(.namespaces, name: "default")
                #expect(directory.read("count") == "2\n", "a 401 runs the plugin once more")
                let last = live.server.requests.suffix(2).map { $0.status }
                #expect(last == [401, 200])
                #expect(live.server.requests.last?.user == "exec-user-2")
            }
        }
    }

    @Test func anExecCredentialThatExpiresByTheClockIsRenewed() async throws {
        try await LiveServer.with { live in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let script = try ExecScripts.token(in: directory)
            for run in 1...3 { live.server.setBearerToken("token-\(run)", user: "exec-user-\(run)") }
            // Expires two seconds from now: after a real wait the plugin must run again.
            try directory.write("expiry", RFC3339.format(Date().addingTimeInterval(2)))
            let exec = ExecConfig(apiVersion: ExecScripts.v1, command: script, interactiveMode: .never)
            let config = live.config(credentials: RESTConfig.Credentials(exec: exec))
            try await live.withClient(config, options: ClientOptions(environment: ["PATH": "/usr/bin:/bin"])) { client in
                _ = try await client.get(.namespaces, name: "default")
                try directory.write("expiry", RFC3339.format(Date().addingTimeInterval(3600)))
                try await Task.sleep(for: .milliseconds(2500))
                _ = try await client.get(.namespaces, name: "default")
            }
            #expect(directory.read("count") == "2\n")
            #expect(live.server.requests.last?.user == "exec-user-2")
        }
    }

    @Test func aServerCertificateFromAnotherAuthorityIsRefused() async throws {
        try await LiveServer.with { live in
            let other = try ServerCertificates.generate()
            let tls = RESTConfig.TLSSettings(certificateAuthorityData: Data(other.caPEM.utf8))
            do {
                _ = try await live.withClient(live.config(tls: tls), options: ClientOptions(retry: .none)) { client in
                    try await client.get(.namespaces, name: "default")
                }
                Issue.record("an untrusted server certificate must be refused")
            } catch let error as KubeClientError {
                guard case .transport(_, _, let reason) = error else {
                    Issue.record("expected a transport error, got \(error)")
                    return
                }
                #expect(reason.contains("TLS") || reason.contains("certificate") || reason.contains("handshake"))
            }
        }
    }

    @Test func insecureSkipTLSVerifyConnectsWithoutTheAuthority() async throws {
        try await LiveServer.with { live in
            let tls = RESTConfig.TLSSettings(insecureSkipTLSVerify: true)
            let object = try await live.withClient(live.config(tls: tls)) { client in
                try await client.get(.namespaces, name: "default")
            }
            #expect(name(of: object) == "default")
        }
    }

    @Test func tlsServerNameChecksTheCertificateAgainstThatName() async throws {
        // The certificate names only "kubernetes.default.svc", not 127.0.0.1.
        try await LiveServer.with(hosts: ["kubernetes.default.svc"]) { live in
            var tls = RESTConfig.TLSSettings(certificateAuthorityData: Data(live.certificates.caPEM.utf8))
            do {
                _ = try await live.withClient(live.config(tls: tls), options: ClientOptions(retry: .none)) { client in
                    try await client.get(.namespaces, name: "default")
                }
                Issue.record("the certificate does not name 127.0.0.1")
            } catch {
                #expect(error is KubeClientError)
            }
            tls.serverName = "kubernetes.default.svc"
            let object = try await live.withClient(live.config(tls: tls)) { client in
                try await client.get(.namespaces, name: "default")
            }
            #expect(name(of: object) == "default")
        }
    }

    @Test func aTokenFileIsReadAgainAfterA401() async throws {
        try await LiveServer.with { live in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try directory.write("token", "first\n")
            live.server.setBearerToken("first", user: "sa-1")
            let config = live.config(credentials: RESTConfig.Credentials(bearerTokenFile: path))
            try await live.withClient(config) { client in
                _ = try await client.get(.namespaces, name: "default")
                #expect(live.server.requests.last?.user == "sa-1")
                // Rotated: the old token is revoked and the file holds the new one.
                live.server.setBearerToken("first", user: nil)
                live.server.setBearerToken("second", user: "sa-2")
                try directory.write("token", "second\n")
                _ = try await client.get(.namespaces, name: "default")
                #expect(live.server.requests.last?.user == "sa-2")
            }
        }
    }
}
