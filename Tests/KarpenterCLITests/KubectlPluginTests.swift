import Foundation
import XCTest

/// The real kubectl on the machine finds the plugin on PATH and runs it, passing its arguments
/// and environment through (kubectl's plugin mechanism).
final class KubectlPluginTests: XCTestCase {
    private static let kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    private func kubectl(_ arguments: [String], environment: [String: String] = [:]) throws -> PluginProcess.Outcome {
        guard let path = Self.kubectl else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "kubectl is not installed: it is part of this machine kind"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        let pluginDirectory = PluginProcess.binary.deletingLastPathComponent().path
        env["PATH"] = pluginDirectory + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return PluginProcess.Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                     stderr: String(decoding: stderr, as: UTF8.self))
    }

    func testKubectlFindsAndRunsThePlugin() throws {
        let version = try kubectl(["karpenter", "version"])
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertTrue(version.stdout.hasPrefix("kubectl-karpenter "), version.stdout)
        let help = try kubectl(["karpenter", "--help"])
        XCTAssertTrue(help.stdout.contains("explain"), help.stdout)
    }

    func testKubectlKarpenterGetNodePoolsReachesTheCluster() async throws {
        let cluster = try await LiveCluster()
        do {
            try cluster.apply([LiveObjects.nodeClass, LiveObjects.nodePool("general"), LiveObjects.nodePool("batch")]
                .joined(separator: "\n---\n"))
            // Both ways kubectl users point at a cluster: the flag after the plugin name, and KUBECONFIG.
            let withFlag = try kubectl(["karpenter", "get", "nodepools", "--kubeconfig", cluster.kubeconfig])
            let withEnvironment = try kubectl(["karpenter", "get", "nodepools", "-o", "name"],
                                              environment: ["KUBECONFIG": cluster.kubeconfig])
            try await cluster.shutdown()
            XCTAssertEqual(withFlag.status, 0, withFlag.stderr)
            let names = withFlag.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
            XCTAssertEqual(names.sorted(), ["batch", "general"], withFlag.stdout)
            XCTAssertEqual(withEnvironment.stdout, "nodepool.karpenter.sh/batch\nnodepool.karpenter.sh/general\n", withEnvironment.stderr)
            XCTAssertTrue(cluster.server.requests.allSatisfy { $0.user == "tester" })
        } catch {
            try? await cluster.shutdown()
            throw error
        }
    }
}
