/// Every resource the server serves, in discovery order.
extension ResourceType {
    public static let namespaces = ResourceType(
        group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false,
        shortNames: ["ns"], subresources: [.status],
        verbs: ["create", "delete", "get", "list", "patch", "update", "watch"])
    public static let pods = ResourceType(
        group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true,
        shortNames: ["po"], categories: ["all"], subresources: [.status, .eviction, .binding])
    public static let nodes = ResourceType(
        group: "", version: "v1", resource: "nodes", kind: "Node", namespaced: false,
        shortNames: ["no"], subresources: [.status])
    public static let events = ResourceType(
        group: "", version: "v1", resource: "events", kind: "Event", namespaced: true,
        shortNames: ["ev"], allowsCreateOnUpdate: true)
    public static let services = ResourceType(
        group: "", version: "v1", resource: "services", kind: "Service", namespaced: true,
        shortNames: ["svc"], categories: ["all"], subresources: [.status], allowsCreateOnUpdate: true,
        verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"])
    public static let configMaps = ResourceType(
        group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true,
        shortNames: ["cm"])
    public static let secrets = ResourceType(
        group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true)
    public static let serviceAccounts = ResourceType(
        group: "", version: "v1", resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true,
        shortNames: ["sa"])
    public static let persistentVolumeClaims = ResourceType(
        group: "", version: "v1", resource: "persistentvolumeclaims", kind: "PersistentVolumeClaim",
        namespaced: true, shortNames: ["pvc"], subresources: [.status])

    public static let daemonSets = ResourceType(
        group: "apps", version: "v1", resource: "daemonsets", kind: "DaemonSet", namespaced: true,
        shortNames: ["ds"], categories: ["all"], subresources: [.status], tracksGeneration: true)
    public static let deployments = ResourceType(
        group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true,
        shortNames: ["deploy"], categories: ["all"], subresources: [.status], tracksGeneration: true)
    public static let replicaSets = ResourceType(
        group: "apps", version: "v1", resource: "replicasets", kind: "ReplicaSet", namespaced: true,
        shortNames: ["rs"], categories: ["all"], subresources: [.status], tracksGeneration: true)
    public static let statefulSets = ResourceType(
        group: "apps", version: "v1", resource: "statefulsets", kind: "StatefulSet", namespaced: true,
        shortNames: ["sts"], categories: ["all"], subresources: [.status], tracksGeneration: true)

    public static let podDisruptionBudgets = ResourceType(
        group: "policy", version: "v1", resource: "poddisruptionbudgets", kind: "PodDisruptionBudget",
        namespaced: true, shortNames: ["pdb"], subresources: [.status], tracksGeneration: true)
    public static let leases = ResourceType(
        group: "coordination.k8s.io", version: "v1", resource: "leases", kind: "Lease", namespaced: true,
        allowsCreateOnUpdate: true)

    public static let nodePools = ResourceType(
        group: "karpenter.sh", version: "v1", resource: "nodepools", kind: "NodePool", namespaced: false,
        categories: ["karpenter"], subresources: [.status], isCustomResource: true, tracksGeneration: true)
    public static let nodeClaims = ResourceType(
        group: "karpenter.sh", version: "v1", resource: "nodeclaims", kind: "NodeClaim", namespaced: false,
        categories: ["karpenter"], subresources: [.status], isCustomResource: true, tracksGeneration: true)
    public static let aksNodeClasses = ResourceType(
        group: "karpenter.azure.com", version: "v1alpha2", resource: "aksnodeclasses", kind: "AKSNodeClass",
        namespaced: false, shortNames: ["aksnc", "aksncs"], categories: ["karpenter", "nap"],
        subresources: [.status], isCustomResource: true, tracksGeneration: true)
    /// The same objects as `aksNodeClasses` (the two versions share one schema, as in the CRD).
    public static let aksNodeClassesV1beta1 = ResourceType(
        group: "karpenter.azure.com", version: "v1beta1", resource: "aksnodeclasses", kind: "AKSNodeClass",
        namespaced: false, shortNames: ["aksnc", "aksncs"], categories: ["karpenter", "nap"],
        subresources: [.status], isCustomResource: true, tracksGeneration: true)

    /// Every served resource and version.
    public static let all: [ResourceType] = [
        .namespaces, .pods, .nodes, .events, .services, .configMaps, .secrets, .serviceAccounts,
        .persistentVolumeClaims, .daemonSets, .deployments, .replicaSets, .statefulSets,
        .podDisruptionBudgets, .leases, .nodePools, .nodeClaims, .aksNodeClasses, .aksNodeClassesV1beta1,
    ]

    /// The resource served at `group`/`version` under `resource` (the plural).
    public static func lookup(group: String, version: String, resource: String) -> ResourceType? {
        all.first { $0.group == group && $0.version == version && $0.resource == resource }
    }

    /// The resource for an object's `apiVersion` and `kind`.
    public static func lookup(apiVersion: String, kind: String) -> ResourceType? {
        all.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }

    /// The API groups in discovery order, each with its versions (preferred first).
    static var groups: [(name: String, versions: [String])] {
        var result: [(name: String, versions: [String])] = []
        for type in all where !type.group.isEmpty {
            if let index = result.firstIndex(where: { $0.name == type.group }) {
                if !result[index].versions.contains(type.version) { result[index].versions.append(type.version) }
            } else {
                result.append((type.group, [type.version]))
            }
        }
        return result
    }
}
