import KarpenterAPI

/// The objects of a live cluster, as the API server returns them: the input of
/// `SnapshotBuilder.build(_ cluster:)`, of `kubectl karpenter get` and of live `explain pod`.
/// Namespaced resources hold every namespace's objects that were listed.
public struct ClusterObjects: Sendable {
    // Items of a list response may lack `apiVersion` and `kind` (the API server leaves them out
    // of list items); they are filled in from the array they are put in.
    public var nodePools: [JSONValue] { didSet { nodePools = Resource.nodePools.stamped(nodePools) } }
    public var nodeClaims: [JSONValue] { didSet { nodeClaims = Resource.nodeClaims.stamped(nodeClaims) } }
    /// AKSNodeClasses.
    public var nodeClasses: [JSONValue] { didSet { nodeClasses = Resource.nodeClasses.stamped(nodeClasses) } }
    public var nodes: [JSONValue] { didSet { nodes = Resource.nodes.stamped(nodes) } }
    public var pods: [JSONValue] { didSet { pods = Resource.pods.stamped(pods) } }
    public var daemonSets: [JSONValue] { didSet { daemonSets = Resource.daemonSets.stamped(daemonSets) } }
    public var podDisruptionBudgets: [JSONValue] {
        didSet { podDisruptionBudgets = Resource.podDisruptionBudgets.stamped(podDisruptionBudgets) }
    }
    public var events: [JSONValue] { didSet { events = Resource.events.stamped(events) } }

    public init(nodePools: [JSONValue] = [], nodeClaims: [JSONValue] = [], nodeClasses: [JSONValue] = [],
                nodes: [JSONValue] = [], pods: [JSONValue] = [], daemonSets: [JSONValue] = [],
                podDisruptionBudgets: [JSONValue] = [], events: [JSONValue] = []) {
        self.nodePools = Resource.nodePools.stamped(nodePools)
        self.nodeClaims = Resource.nodeClaims.stamped(nodeClaims)
        self.nodeClasses = Resource.nodeClasses.stamped(nodeClasses)
        self.nodes = Resource.nodes.stamped(nodes)
        self.pods = Resource.pods.stamped(pods)
        self.daemonSets = Resource.daemonSets.stamped(daemonSets)
        self.podDisruptionBudgets = Resource.podDisruptionBudgets.stamped(podDisruptionBudgets)
        self.events = Resource.events.stamped(events)
    }

    /// Sorts objects of mixed kinds (the items of `kubectl get ... -o json`) into their arrays.
    /// Objects of other kinds are left out.
    public init(sorting objects: [JSONValue]) {
        self.init()
        for object in objects {
            let kind = object["kind"]?.stringValue ?? ""
            guard let resource = Resource.allCases.first(where: { $0.kind == kind }) else { continue }
            self[resource].append(object)
        }
    }

    /// The objects of one resource.
    public subscript(resource: Resource) -> [JSONValue] {
        get {
            switch resource {
            case .nodePools: return nodePools
            case .nodeClaims: return nodeClaims
            case .nodeClasses: return nodeClasses
            case .nodes: return nodes
            case .pods: return pods
            case .daemonSets: return daemonSets
            case .podDisruptionBudgets: return podDisruptionBudgets
            case .events: return events
            }
        }
        set {
            switch resource {
            case .nodePools: nodePools = newValue
            case .nodeClaims: nodeClaims = newValue
            case .nodeClasses: nodeClasses = newValue
            case .nodes: nodes = newValue
            case .pods: pods = newValue
            case .daemonSets: daemonSets = newValue
            case .podDisruptionBudgets: podDisruptionBudgets = newValue
            case .events: events = newValue
            }
        }
    }
}
