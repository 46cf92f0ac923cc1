import AzureStandIn
import Foundation
import InProcessAPIServer
import KarpenterAPI
import Testing

/// The real controller binary with `--cloud-provider azure` against the ARM stand-in and the
/// in-process API server, over real HTTP.
@Suite(.serialized) struct AzureControllerTests {
    @Test func pendingPodsBecomeAzureVirtualMachinesThatRegisterAsNodes() async throws {
        let fixture = try await AzureControllerFixture()
        defer { Task { await fixture.stop() } }
        try BinaryTestObjects.create(BinaryTestObjects.pod("web-1", cpu: "1"), in: fixture.server)
        try BinaryTestObjects.markUnschedulable(["web-1"], in: fixture.server)
        try fixture.startController()

        let launched = try await fixture.wait(seconds: 30) { try fixture.launchedNodeClaims().count == 1 && fixture.virtualMachines.count == 1 }
        #expect(launched, "\(fixture.logs)")
        guard launched else { return }
        let nodeClaim = try #require(try fixture.launchedNodeClaims().first)
        let vm = try #require(fixture.virtualMachines.first)
        #expect(vm.name == "aks-\(nodeClaim.metadataName)")
        #expect(vm.tags["karpenter.sh_nodepool"] == "default")
        #expect(fixture.standIn.networkInterfaces.map(\.name) == [vm.name])
        let providerID = try #require(nodeClaim["status"]?["providerID"]?.stringValue)
        #expect(providerID.lowercased().hasSuffix("/providers/microsoft.compute/virtualmachines/\(vm.name)".lowercased()))
        let nodePool = try fixture.server.store.get(.nodePools, name: "default")
        #expect(nodeClaim["metadata"]?["annotations"]?["karpenter.sh/nodepool-hash"]?.stringValue == TemplateHash.nodePool(nodePool))
        #expect(nodeClaim["metadata"]?["annotations"]?["karpenter.sh/nodepool-hash-version"]?.stringValue == "v3")

        // The VM's kubelet joins: a Node with the VM's provider ID, Ready with resources.
        _ = try fixture.server.store.create(.object([
            "apiVersion": .string("v1"), "kind": .string("Node"),
            "metadata": .object(["name": .string(vm.name), "labels": .object(["kubernetes.io/hostname": .string(vm.name)])]),
            "spec": .object(["providerID": .string(providerID)]),
        ]))
        var node = try fixture.server.store.get(.nodes, name: vm.name)
        node["status"] = .object([
            "capacity": .object(["cpu": .string("2"), "memory": .string("8Gi"), "pods": .string("110"), "ephemeral-storage": .string("128Gi")]),
            "allocatable": .object(["cpu": .string("1900m"), "memory": .string("7Gi"), "pods": .string("110"), "ephemeral-storage": .string("119Gi")]),
            "conditions": .array([.object(["type": .string("Ready"), "status": .string("True")])]),
        ])
        _ = try fixture.server.store.updateStatus(node)
        let initialized = try await fixture.wait(seconds: 30) {
            try fixture.nodeClaims().first?.condition("Initialized") == "True"
        }
        if ProcessInfo.processInfo.environment["SHOW_LOGS"] != nil { print(fixture.logs) }
        let allocatable = try fixture.nodeClaims().first?["status"]?["allocatable"].map { JSONWriter.string($0) } ?? "none"
        #expect(initialized, "NodeClaim allocatable \(allocatable)\n\(fixture.logs)")
        let registered = try fixture.server.store.get(.nodes, name: vm.name)
        #expect(registered["metadata"]?["labels"]?["karpenter.sh/nodepool"]?.stringValue == "default")
        #expect(registered["metadata"]?["labels"]?["team"]?.stringValue == "web")
        #expect(registered.finalizerList.contains("karpenter.sh/termination"))
    }

    @Test func noCapacityForAnOfferingMovesThePodToAnotherOffering() async throws {
        let fixture = try await AzureControllerFixture()
        defer { Task { await fixture.stop() } }
        // Whatever the controller tries first has no capacity (reported through the operation, as Azure does).
        fixture.standIn.injectVMCreateFailure(code: "ZonalAllocationFailed",
                                              message: "Allocation failed. We do not have sufficient capacity for the requested VM size in this zone.",
                                              count: 1, asynchronous: true)
        try BinaryTestObjects.create(BinaryTestObjects.pod("web-1", cpu: "1"), in: fixture.server)
        try BinaryTestObjects.markUnschedulable(["web-1"], in: fixture.server)
        try fixture.startController()

        let launched = try await fixture.wait(seconds: 40) {
            let claims = try fixture.launchedNodeClaims().count
            return fixture.virtualMachines.count == 1 && claims >= 1
        }
        #expect(launched, "\(fixture.logs)")
        guard launched else { return }
        let attempts = fixture.standIn.requests(method: "PUT", pathContaining: "/virtualMachines/").compactMap(\.body)
        let failed = try #require(attempts.first)
        let vm = try #require(fixture.virtualMachines.first)
        let failedOffering = (failed["properties"]?["hardwareProfile"]?["vmSize"]?.stringValue ?? "",
                              failed["zones"]?.arrayValue?.first?.stringValue ?? "")
        #expect(failedOffering != (vm.size, vm.zones.first ?? ""), "the retry must use another SKU or zone")
        let claimNames = try fixture.nodeClaims().map(\.metadataName)
        #expect(try fixture.launchedNodeClaims().count == 1, "one NodeClaim serves the pod: \(claimNames)")
    }

    /// Kills the controller with SIGKILL at random moments of launches, restarts it, and checks
    /// the end state: one NodeClaim per planned node, one VM (and NIC) per NodeClaim, nothing else.
    @Test func killingTheControllerDuringLaunchesLeavesNoDuplicateNodeClaimAndNoOrphanVM() async throws {
        let environment = ProcessInfo.processInfo.environment
        let runs = environment["KILL_TEST_RUNS"].flatMap(Int.init) ?? 4
        let seed = environment["KILL_TEST_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        var random = SplitMix64(seed: seed)
        for run in 1...runs {
            let kills = (0..<Int.random(in: 1...2, using: &random)).map { _ in Double.random(in: 0.2...4.0, using: &random) }
            let context = "seed \(seed), run \(run), kills after \(kills.map { String(format: "%.2fs", $0) })"
            try await killRun(kills: kills, context: context)
        }
    }

    private func killRun(kills: [Double], context: String) async throws {
        let fixture = try await AzureControllerFixture()
        defer { Task { await fixture.stop() } }
        let pods = ["spread-1", "spread-2", "spread-3"]
        for pod in pods {
            try BinaryTestObjects.create(BinaryTestObjects.pod(pod, cpu: "500m", spreadAcrossNodes: true), in: fixture.server)
        }
        try BinaryTestObjects.markUnschedulable(pods, in: fixture.server)
        for delay in kills {
            try fixture.startController()
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            fixture.controller?.kill()
        }
        try fixture.startController()
        let settled = try await fixture.wait(seconds: 60) {
            try fixture.launchedNodeClaims().count == 3 && fixture.virtualMachines.count == 3
        }
        // Anything still in flight would show up within a few more batch windows.
        try await Task.sleep(for: .seconds(2))
        let claims = try fixture.nodeClaims().map(\.metadataName).sorted()
        let launched = try fixture.launchedNodeClaims().map(\.metadataName).sorted()
        let vms = fixture.standIn.virtualMachines.map { "\($0.name) (\($0.provisioningState))" }.sorted()
        let nics = fixture.standIn.networkInterfaces.map(\.name).sorted()
        #expect(settled, "\(context): NodeClaims \(claims) (launched: \(launched)), VMs \(vms)\n\(fixture.logs)")
        #expect(claims.count == 3, "\(context): duplicate or missing NodeClaims \(claims)")
        #expect(vms == claims.map { "aks-\($0) (Succeeded)" }, "\(context): VMs \(vms) for NodeClaims \(claims)")
        #expect(nics == claims.map { "aks-\($0)" }, "\(context): NICs \(nics) for NodeClaims \(claims)")
    }
}
