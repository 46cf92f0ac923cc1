import Foundation
import InProcessAPIServer
import KarpenterAPI
import Testing

/// The real kubectl (client-go) against the server: discovery, CRUD, selectors, patches,
/// deletion, TLS with a client certificate. kubectl is part of this machine kind; a missing one fails the test.
@Suite("The real kubectl against the in-process API server")
struct KubectlTests {
    @Test func kubectlWorksOverMutualTLS() async throws {
        let certificates = try ServerCertificates.generate()
        let identity = try certificates.issueClientCertificate(commonName: "kubectl-user", organizations: ["system:masters"])
        let server = try await InProcessAPIServer.start(.init(tls: .init(certificates), authentication: .init(allowAnonymous: false)))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("config")
        try server.kubeconfig(clientCertificate: identity, caPEM: certificates.caPEM).write(to: kubeconfig, atomically: true, encoding: .utf8)
        let manifest = directory.appendingPathComponent("objects.yaml")
        try """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, labels: {team: a}}
        data: {mode: fast}
        ---
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: general}
        spec:
          template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]
        """.write(to: manifest, atomically: true, encoding: .utf8)
        let kubectl = Kubectl(kubeconfig: kubeconfig.path, cacheDirectory: directory.appendingPathComponent("cache").path)

        // Validation on (kubectl's default) works through the server's OpenAPI v3 discovery.
        let created = try kubectl.run("create", "-f", manifest.path, "--save-config")
        #expect(created.contains("configmap/settings created"))
        #expect(created.contains("nodepool.karpenter.sh/general created"))
        let applied = try kubectl.run("apply", "-f", manifest.path)
        #expect(applied.contains("configmap/settings unchanged"))
        #expect(applied.contains("nodepool.karpenter.sh/general unchanged"))
        let json = try kubectl.run("get", "configmaps", "-l", "team=a", "-o", "json")
        let list = try JSONBodyParser.parse(Array(json.utf8))
        #expect(list["items"]?.arrayValue?.first?["data"]?["mode"]?.stringValue == "fast")
        #expect(try kubectl.run("get", "nodepools", "-o", "name") == "nodepool.karpenter.sh/general\n")
        #expect(try kubectl.run("patch", "nodepool", "general", "--type=merge", "-p", "{\"spec\":{\"weight\":20}}")
            .contains("nodepool.karpenter.sh/general patched"))
        #expect(try kubectl.run("label", "configmap", "settings", "tier=gold").contains("labeled"))
        let refused = try kubectl.run("patch", "nodepool", "general", "--type=merge", "-p", "{\"spec\":{\"weight\":0}}", expectFailure: true)
        #expect(refused.contains("spec.weight: Invalid value: 0"))
        #expect(try kubectl.run("delete", "configmap", "settings").contains("deleted"))
        let missing = try kubectl.run("get", "configmap", "settings", expectFailure: true)
        #expect(missing.contains("configmaps \"settings\" not found"))
        #expect(try kubectl.run("api-resources", "--api-group=karpenter.sh", "-o", "name").contains("nodepools.karpenter.sh"))
        #expect(server.requests.allSatisfy { $0.user == "kubectl-user" })
        try await server.shutdown()
    }
}

/// Runs kubectl with a kubeconfig; output is stdout and stderr together.
struct Kubectl {
    static let path: String? = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let kubeconfig: String
    let cacheDirectory: String

    func run(_ arguments: String..., expectFailure: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.path ?? "/usr/bin/kubectl")
        process.arguments = ["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, "--request-timeout", "20s"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if (process.terminationStatus == 0) == expectFailure {
            throw UnexpectedResponse(description: "kubectl \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(output)")
        }
        return output
    }
}
