import Foundation
import KarpenterAPI
import KarpenterScheduling

/// The Node object a launched instance registers: what its kubelet (`--node-labels`,
/// `--register-with-taints`), the API server's NodeTaint admission and the cloud node manager
/// (provider ID, addresses) put on it. It starts NotReady; the simulated kubelet makes it Ready.
struct SimulatedNodeTemplate {
    var nodeName: String
    var nodeClaim: NodeClaim
    var claimRequirements: Requirements
    var choice: OfferingChoice
    var imageID: String
    var kubeletVersion: String
    var now: Date

    var labels: [String: String] {
        NodeLabels.kubelet(nodeName: nodeName, choice: choice, nodeClaim: nodeClaim, claimRequirements: claimRequirements)
    }

    /// NodeClaim taints and startup taints, `karpenter.sh/unregistered:NoExecute` (LABELS.md §5.2)
    /// and the not-ready taint every new Node gets.
    var taints: [Taint] {
        var result: [Taint] = []
        let wanted = (nodeClaim.spec.taints ?? []) + (nodeClaim.spec.startupTaints ?? [])
            + [SimulatedCloud.unregisteredTaint, SimulatedCloud.notReadyTaint]
        for taint in wanted where !result.contains(where: { $0.matchesKeyAndEffect(taint) }) {
            result.append(taint)
        }
        return result
    }

    var capacity: ResourceList { Self.nonZero(choice.instanceType.capacity) }
    var allocatable: ResourceList { Self.nonZero(choice.instanceType.allocatable) }

    func node() throws -> JSONValue {
        let time = Timestamps.seconds(now)
        let node = Node(
            metadata: ObjectMeta(name: nodeName, labels: labels, annotations: [
                SimulatedCloud.nodeClaimAnnotation: nodeClaim.metadata.name ?? nodeName,
                SimulatedCloud.imageAnnotation: imageID,
            ]),
            spec: NodeSpec(providerID: SimulatedCloud.providerID(nodeName: nodeName), taints: taints,
                           podCIDR: NodeAddressing.podCIDR(nodeName: nodeName), podCIDRs: [NodeAddressing.podCIDR(nodeName: nodeName)]),
            status: NodeStatus(capacity: capacity, allocatable: allocatable, conditions: [
                NodeCondition(type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory",
                              message: "kubelet has sufficient memory available", lastHeartbeatTime: time, lastTransitionTime: time),
                NodeCondition(type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure",
                              message: "kubelet has no disk pressure", lastHeartbeatTime: time, lastTransitionTime: time),
                NodeCondition(type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID",
                              message: "kubelet has sufficient PID available", lastHeartbeatTime: time, lastTransitionTime: time),
                NodeCondition(type: "Ready", status: "False", reason: "KubeletNotReady",
                              message: "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized",
                              lastHeartbeatTime: time, lastTransitionTime: time),
            ], nodeInfo: NodeSystemInfo(
                machineID: NodeAddressing.hexID(nodeName), systemUUID: NodeAddressing.hexID(nodeName + "/uuid"),
                bootID: NodeAddressing.hexID(nodeName + "/boot"), kernelVersion: "5.15.0-1079-azure",
                osImage: "Ubuntu 22.04.5 LTS", containerRuntimeVersion: "containerd://1.7.27-1",
                kubeletVersion: kubeletVersion, kubeProxyVersion: kubeletVersion,
                operatingSystem: labels[WellKnownLabel.os] ?? "linux", architecture: labels[WellKnownLabel.arch] ?? "amd64")))
        var object = try JSONValue.encode(node)
        object["status"]?["addresses"] = .array([
            .object(["type": .string("InternalIP"), "address": .string(NodeAddressing.internalIP(nodeName: nodeName))]),
            .object(["type": .string("Hostname"), "address": .string(nodeName)]),
        ])
        return object
    }

    static func nonZero(_ vector: ResourceVector) -> ResourceList {
        let names = Set(vector.nonZeroEntries.map(\.name))
        return vector.quantities.filter { names.contains($0.key) }
    }
}

/// Stable per-node addresses derived from the name, so a restarted simulation agrees with itself.
enum NodeAddressing {
    static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return value
    }

    static func internalIP(nodeName: String) -> String {
        let slot = hash(nodeName) % 65_024
        return "10.224.\(slot / 254).\(slot % 254 + 1)"
    }

    /// A /24 out of 10.128.0.0/12.
    static func podCIDR(nodeName: String) -> String {
        let slot = hash(nodeName + "/pods") % 4096
        return "10.\(128 + slot / 256).\(slot % 256).0/24"
    }

    static func hexID(_ text: String) -> String {
        String(format: "%016llx%016llx", hash(text), hash(text + "#"))
    }
}
