import Foundation
import InProcessAPIServer
import KarpenterAPI
import Testing

/// The real `karpenter-controller` binary run as a child process, its output in a log file
/// (printed when a test fails), stoppable politely or with SIGKILL.
final class ControllerProcess: @unchecked Sendable {
    let process = Process()
    let log: URL

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("karpenter-controller")
    }

    init(arguments: [String], environment: [String: String], log: URL) throws {
        self.log = log
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        output.seekToEndOfFile()
        process.executableURL = Self.binary
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// SIGKILL: no shutdown code runs, as when a node dies or the OOM killer strikes.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// SIGTERM and wait.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
}

/// Objects for the tests that run the controller binary, created straight in the server's store.
enum BinaryTestObjects {
    static func create(_ yaml: String, in server: InProcessAPIServer) throws {
        for document in try ManifestParser.parse(text: yaml) {
            _ = try server.store.create(document.value)
        }
    }

    /// Marks pods the way kube-scheduler does when it cannot place them.
    static func markUnschedulable(_ names: [String], in server: InProcessAPIServer, namespace: String = "default") throws {
        for name in names {
            var pod = try server.store.get(.pods, namespace: namespace, name: name)
            pod["status"] = .object(["phase": .string("Pending"), "conditions": .array([.object([
                "type": .string("PodScheduled"), "status": .string("False"), "reason": .string("Unschedulable"),
                "message": .string("0/0 nodes are available"),
            ])])])
            _ = try server.store.updateStatus(pod)
        }
    }

    static func pod(_ name: String, cpu: String, spreadAcrossNodes: Bool = false) -> String {
        let affinity = spreadAcrossNodes ? """
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector: {matchLabels: {app: spread}}
                topologyKey: kubernetes.io/hostname
        """ : ""
        return """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: default, labels: {app: spread}}
        spec:
          containers:
          - name: app
            image: nginx
            resources: {requests: {cpu: "\(cpu)", memory: 1Gi}}
        \(affinity)
        """
    }
}

/// A seeded generator, so a failing random kill schedule can be replayed (the seed is printed).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
