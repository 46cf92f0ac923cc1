import Foundation
import KarpenterAPI
import Testing
@testable import KubeClient

@Suite struct KubeconfigDecodingTests {
    static let full = """
        apiVersion: v1
        kind: Config
        current-context: aks
        preferences: {colors: true}
        clusters:
        - name: aks
          cluster:
            server: https://aks-dns.hcp.eastus.azmk8s.io:443
            certificate-authority: certs/ca.crt
            certificate-authority-data: Q0EgREFUQQ==
            tls-server-name: kubernetes
            insecure-skip-tls-verify: false
            proxy-url: http://proxy.internal:3128
            disable-compression: true
            extensions:
            - name: client.authentication.k8s.io/exec
              extension: {audience: "6dae42f8"}
        contexts:
        - name: aks
          context: {cluster: aks, user: clusterUser_rg_aks, namespace: karpenter}
        users:
        - name: clusterUser_rg_aks
          user:
            client-certificate: ./client.crt
            client-key: /abs/client.key
            client-certificate-data: Q0VSVA==
            client-key-data: S0VZ
            token: "12345"
            tokenFile: token
            username: admin
            password: secret
            as: someone
            as-uid: uid-1
            as-groups: [g1, g2]
            as-user-extra: {scopes: [a, b]}
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: kubelogin
              args: [get-token, --login, azurecli, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]
              env:
              - {name: AZURE_CONFIG_DIR, value: /tmp/az}
              installHint: install kubelogin from https://azure.github.io/kubelogin
              provideClusterInfo: true
              interactiveMode: IfAvailable
        """

    @Test func decodesEveryFieldKubectlUses() throws {
        let config = try KubeconfigParser.parse(Data(Self.full.utf8), path: "/cfg/config")
        #expect(config.currentContext == "aks")
        #expect(config.preferences?.colors == true)
        let cluster = try #require(config.cluster(named: "aks"))
        #expect(cluster.server == "https://aks-dns.hcp.eastus.azmk8s.io:443")
        #expect(cluster.certificateAuthority == "certs/ca.crt")
        #expect(cluster.certificateAuthorityData == "Q0EgREFUQQ==")
        #expect(cluster.tlsServerName == "kubernetes")
        #expect(cluster.insecureSkipTLSVerify == false)
        #expect(cluster.proxyURL == "http://proxy.internal:3128")
        #expect(cluster.disableCompression == true)
        #expect(cluster.execExtension?.objectValue?["audience"] == .string("6dae42f8"))
        #expect(config.context(named: "aks") == KubeconfigContext(cluster: "aks", user: "clusterUser_rg_aks", namespace: "karpenter"))
        let user = try #require(config.user(named: "clusterUser_rg_aks"))
        #expect(user.clientCertificate == "./client.crt")
        #expect(user.clientKeyData == "S0VZ")
        #expect(user.token == "12345")
        #expect(user.tokenFile == "token")
        #expect(user.username == "admin" && user.password == "secret")
        #expect(user.impersonate == "someone" && user.impersonateUID == "uid-1")
        #expect(user.impersonateGroups == ["g1", "g2"])
        #expect(user.impersonateUserExtra == ["scopes": ["a", "b"]])
        let exec = try #require(user.exec)
        #expect(exec.apiVersion == "client.authentication.k8s.io/v1beta1")
        #expect(exec.command == "kubelogin")
        #expect(exec.args?.count == 5)
        #expect(exec.env == [ExecEnvVar(name: "AZURE_CONFIG_DIR", value: "/tmp/az")])
        #expect(exec.installHint?.contains("kubelogin") == true)
        #expect(exec.provideClusterInfo == true)
        #expect(exec.interactiveMode == .ifAvailable)
    }

    @Test func relativePathsResolveAgainstTheKubeconfigDirectory() throws {
        let config = try KubeconfigParser.parse(Data(Self.full.utf8), path: "/cfg/config")
            .resolvingRelativePaths(against: "/cfg")
        #expect(config.cluster(named: "aks")?.certificateAuthority == "/cfg/certs/ca.crt")
        let user = try #require(config.user(named: "clusterUser_rg_aks"))
        #expect(user.clientCertificate == "/cfg/client.crt")
        #expect(user.clientKey == "/abs/client.key")
        #expect(user.tokenFile == "/cfg/token")
        #expect(user.exec?.command == "kubelogin", "a bare command is a PATH lookup, not a path")

        var withPathCommand = config
        withPathCommand.users[0].user.exec?.command = "./bin/login.sh"
        #expect(withPathCommand.resolvingRelativePaths(against: "/other").users[0].user.exec?.command
                == "/other/bin/login.sh")
    }

    @Test func emptyAndNullSectionsDecodeAsEmpty() throws {
        #expect(try KubeconfigParser.parse(Data("  \n".utf8), path: "/x").isEmpty)
        let nulls = try KubeconfigParser.parse(Data("clusters: null\ncontexts:\nusers: []\n".utf8), path: "/x")
        #expect(nulls.isEmpty)
        let json = try KubeconfigParser.parse(Data(#"{"current-context":"c","contexts":[{"name":"c","context":{"cluster":"k"}}]}"#.utf8), path: "/x")
        #expect(json.context(named: "c")?.cluster == "k")
    }

    @Test func invalidYAMLNamesTheFile() {
        let message = errorText { try KubeconfigParser.parse(Data("clusters: [{name: x, cluster: {server: [1, 2]}}]".utf8), path: "/cfg/bad") }
        #expect(message.hasPrefix("kubeconfig /cfg/bad is not a valid kubeconfig"), "got: \(message)")
        let missingName = errorText { try KubeconfigParser.parse(Data("users: [{user: {token: t}}]".utf8), path: "/cfg/bad") }
        #expect(missingName.contains("missing field \"name\""), "got: \(missingName)")
    }
}
