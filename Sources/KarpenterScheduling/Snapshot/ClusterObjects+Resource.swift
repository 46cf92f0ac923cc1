import KarpenterAPI

extension ClusterObjects {
    /// The resources `ClusterObjects` holds and where the API server serves them.
    public enum Resource: String, CaseIterable, Sendable, Hashable {
        case nodePools, nodeClaims, nodeClasses, nodes, pods, daemonSets, podDisruptionBudgets, events

        public var kind: String {
            switch self {
            case .nodePools: return KarpenterKind.nodePool
            case .nodeClaims: return KarpenterKind.nodeClaim
            case .nodeClasses: return KarpenterKind.aksNodeClass
            case .nodes: return "Node"
            case .pods: return "Pod"
            case .daemonSets: return "DaemonSet"
            case .podDisruptionBudgets: return "PodDisruptionBudget"
            case .events: return "Event"
            }
        }

        /// API group; empty for the core group.
        public var group: String {
            switch self {
            case .nodePools, .nodeClaims: return KarpenterAPIGroup.core
            case .nodeClasses: return KarpenterAPIGroup.azure
            case .nodes, .pods, .events: return ""
            case .daemonSets: return "apps"
            case .podDisruptionBudgets: return "policy"
            }
        }

        /// The version to list (AKSNodeClass: the served `v1alpha2`, which every release serves).
        public var version: String {
            self == .nodeClasses ? "v1alpha2" : "v1"
        }

        public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

        /// The URL name: `nodepools`, `aksnodeclasses`.
        public var plural: String {
            switch self {
            case .nodeClasses: return "aksnodeclasses"
            case .podDisruptionBudgets: return "poddisruptionbudgets"
            default: return rawValue.lowercased()
            }
        }

        public var namespaced: Bool {
            switch self {
            case .pods, .daemonSets, .podDisruptionBudgets, .events: return true
            case .nodePools, .nodeClaims, .nodeClasses, .nodes: return false
            }
        }

        /// Sets `apiVersion` and `kind` on objects that lack them, as list items often do.
        func stamped(_ objects: [JSONValue]) -> [JSONValue] {
            objects.map { object in
                guard var fields = object.objectValue else { return object }
                if fields["kind"]?.stringValue?.isEmpty ?? true { fields["kind"] = .string(kind) }
                if fields["apiVersion"]?.stringValue?.isEmpty ?? true { fields["apiVersion"] = .string(apiVersion) }
                return .object(fields)
            }
        }
    }
}
