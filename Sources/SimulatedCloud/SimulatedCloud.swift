import KarpenterAPI

/// Names shared by the simulated cloud, its kubelet and its binder.
public enum SimulatedCloud {
    /// Every instance of the simulated cloud has a provider ID starting with this.
    public static let providerIDPrefix = "simulated://"
    /// The owning NodeClaim's name, on the Node (the cloud's "tag").
    public static let nodeClaimAnnotation = "simulated.karpenter.sh/nodeclaim"
    /// Set on the Node when the cloud terminated the instance: the Node object may linger on
    /// finalizers, but the machine behind it is gone.
    public static let terminatedAnnotation = "simulated.karpenter.sh/instance-terminated"
    public static let imageAnnotation = "simulated.karpenter.sh/image-id"
    /// What a new Node carries until the kubelet reports Ready (the API server's NodeTaint admission).
    public static let notReadyTaint = Taint(key: "node.kubernetes.io/not-ready", effect: .noSchedule)
    public static let unregisteredTaint = Taint(key: WellKnownTaint.unregisteredKey, effect: .noExecute)
    public static let nodeLeaseNamespace = "kube-node-lease"
    public static let defaultSchedulerName = "default-scheduler"

    public static func providerID(nodeName: String) -> String { "\(providerIDPrefix)/\(nodeName)" }

    /// `simulated:///name` -> `name`; nil for other clouds' IDs.
    public static func nodeName(fromProviderID providerID: String) -> String? {
        guard providerID.hasPrefix(providerIDPrefix) else { return nil }
        let name = providerID.dropFirst(providerIDPrefix.count).drop { $0 == "/" }
        return name.isEmpty ? nil : String(name)
    }

    public static func isSimulated(providerID: String?) -> Bool {
        providerID?.hasPrefix(providerIDPrefix) ?? false
    }
}
