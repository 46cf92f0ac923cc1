import ArgumentParser
import Foundation
import InProcessAPIServer
import KarpenterAPI
import KarpenterScheduling

/// `karpenter-bench controller`: the real `karpenter-controller` binary (simulated cloud)
/// against an in-process API server. Once the controller is watching, N pods that
/// kube-scheduler marked Unschedulable appear at once; the batch window closes 1 s after the
/// last one (the idle duration); we time from then until every NodeClaim the scheduler plans
/// exists, and read the controller's peak memory (VmHWM) from /proc.
struct ControllerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Time from a closed batch of pending pods to created NodeClaims, and the controller's peak memory.",
        discussion: """
        Examples:
          swift build -c release --product karpenter-bench --product karpenter-controller
          .build/release/karpenter-bench controller --pods 1000 10000
        """
    )

    @Option(parsing: .upToNextOption, help: "Pending pod counts to run.")
    var pods: [Int] = [1000, 10000]

    @Option(help: "The karpenter-controller binary (default: next to this one).")
    var controller: String?

    @Option(help: "Give up on one run after this many seconds.")
    var timeout: Double = 600

    func run() async throws {
        let binary = controller ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("karpenter-controller").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no karpenter-controller at \(binary): build it (swift build -c release --product karpenter-controller) or pass --controller")
        }
        print("pods     NodeClaims  planned  after batch close  controller peak RSS")
        for count in pods {
            let result = try await ControllerBenchRun(pods: count, binary: binary, timeout: timeout).run()
            let cells = [String(count), String(result.created), String(result.planned),
                         String(format: "%.2f s", result.secondsAfterBatch),
                         result.peakRSS.map { String(format: "%.0f MiB", Double($0) / 1024) } ?? "n/a"]
            let widths = [9, 12, 9, 19, 0]
            print(zip(cells, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }.joined())
        }
    }
}

/// One controller run against a fresh in-process API server.
struct ControllerBenchRun {
    let pods: Int
    let binary: String
    let timeout: Double
    static let batchIdle = 1.0

    struct Result {
        var created: Int
        var planned: Int
        var secondsAfterBatch: Double
        /// kB, from /proc/<pid>/status VmHWM.
        var peakRSS: Int?
    }

    func run() async throws -> Result {
        let server = try await InProcessAPIServer.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("karpenter-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("kubeconfig")
        try server.kubeconfig().write(to: kubeconfig, atomically: true, encoding: .utf8)
        for object in try Self.parse(BenchCluster.nodeClass + "\n---\n" + BenchCluster.nodePool) {
            _ = try server.store.create(object)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--kubeconfig", kubeconfig.path, "--cloud-provider", "simulated", "--region", "eastus",
                             "--metrics-port", "0", "--health-port", "0", "--leader-elect", "false", "--log-level", "error",
                             "--batch-idle-duration", "1s"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }

        // Wait until the controller watches pods, so the batch starts with our first pod.
        let started = Date()
        while !server.requests.contains(where: { $0.path == "/api/v1/pods" && $0.queryValue("watch") != nil }) {
            guard Date().timeIntervalSince(started) < 60, process.isRunning else {
                throw ValidationError("karpenter-controller did not start watching pods within 60 s")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        var created: [JSONValue] = []
        for index in 0..<pods { created.append(try server.store.create(BenchCluster.pod(index))) }
        for pod in created {
            var marked = pod
            marked["status"] = BenchCluster.unschedulable
            _ = try server.store.updateStatus(marked)
        }
        let batchClosed = Date().addingTimeInterval(Self.batchIdle)
        let planned = try Self.plannedNodeClaims(server)

        var count = 0
        var done = Date()
        while Date().timeIntervalSince(batchClosed) < timeout {
            let now = try server.store.list(.nodeClaims).items.count
            if now != count {
                count = now
                done = Date()
            }
            if count >= planned { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let peak = Self.peakRSS(of: process.processIdentifier)
        try? await server.shutdown()
        return Result(created: count, planned: planned, secondsAfterBatch: max(0, done.timeIntervalSince(batchClosed)), peakRSS: peak)
    }

    /// What the same scheduler plans for the same objects (the NodeClaims to wait for).
    static func plannedNodeClaims(_ server: InProcessAPIServer) throws -> Int {
        let objects = ClusterObjects(nodePools: try server.store.list(.nodePools).items,
                                     nodeClasses: try server.store.list(.aksNodeClasses).items,
                                     pods: try server.store.list(.pods).items)
        let source = try InstanceTypeSources.embedded(region: "eastus")
        return Scheduler.solve(SnapshotBuilder(source: source).build(objects).snapshot).nodeClaims.count
    }

    static func peakRSS(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
        return nil
    }

    static func parse(_ yaml: String) throws -> [JSONValue] {
        try ManifestParser.parse(text: yaml).map(\.value)
    }
}

/// The benchmark's cluster: one NodePool over the eastus catalog and pods of a few sizes.
enum BenchCluster {
    static let nodeClass = """
    apiVersion: karpenter.azure.com/v1alpha2
    kind: AKSNodeClass
    metadata: {name: default}
    spec: {}
    """

    static let nodePool = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: general}
    spec:
      template:
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements:
            - {key: kubernetes.io/arch, operator: In, values: [amd64]}
            - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
            - {key: karpenter.azure.com/sku-cpu, operator: Lt, values: ["17"]}
    """

    static let unschedulable: JSONValue = .object([
        "phase": .string("Pending"),
        "conditions": .array([.object([
            "type": .string("PodScheduled"), "status": .string("False"), "reason": .string("Unschedulable"),
            "message": .string("0/0 nodes are available."),
        ])]),
    ])

    static func pod(_ index: Int) -> JSONValue {
        let cpu = ["250m", "500m", "1", "2"][index % 4]
        let memory = ["512Mi", "1Gi", "2Gi", "4Gi"][(index / 4) % 4]
        let resources: JSONValue = .object(["requests": .object(["cpu": .string(cpu), "memory": .string(memory)])])
        return .object([
            "apiVersion": .string("v1"), "kind": .string("Pod"),
            "metadata": .object(["name": .string("bench-\(index)"), "namespace": .string("default"),
                                 "labels": .object(["app": .string("bench-\(index % 10)")])]),
            "spec": .object(["containers": .array([.object(["name": .string("app"), "image": .string("nginx"),
                                                            "resources": resources])])]),
        ])
    }
}
