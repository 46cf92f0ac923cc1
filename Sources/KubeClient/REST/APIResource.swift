/// One kind of object the API server serves: where it lives in the URL space and whether it is
/// namespaced. Paths follow the real layout: `/api/v1/...` for the core group,
/// `/apis/{group}/{version}/...` for the others.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    /// The plural, lower-case resource name used in URLs (`pods`, `nodepools`).
    public var resource: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, resource: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `pods`, `nodepools.karpenter.sh`: how kubectl and the API server name it in messages.
    public var qualifiedName: String { group.isEmpty ? resource : "\(resource).\(group)" }

    public var description: String { qualifiedName }

    /// The collection path: all namespaces when `namespace` is nil for a namespaced resource.
    public func collectionPath(namespace: String?) -> String {
        let root = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace {
            return "\(root)/namespaces/\(PathEscaping.segment(namespace))/\(resource)"
        }
        return "\(root)/\(resource)"
    }

    public func objectPath(name: String, namespace: String?, subresource: String? = nil) -> String {
        var path = collectionPath(namespace: namespaced ? namespace ?? "default" : nil) + "/" + PathEscaping.segment(name)
        if let subresource { path += "/" + subresource }
        return path
    }
}

extension APIResource {
    public static let namespaces = APIResource(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
    public static let pods = APIResource(group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true)
    public static let nodes = APIResource(group: "", version: "v1", resource: "nodes", kind: "Node", namespaced: false)
    public static let events = APIResource(group: "", version: "v1", resource: "events", kind: "Event", namespaced: true)
    public static let configMaps = APIResource(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    public static let persistentVolumeClaims = APIResource(group: "", version: "v1", resource: "persistentvolumeclaims",
                                                           kind: "PersistentVolumeClaim", namespaced: true)
    public static let daemonSets = APIResource(group: "apps", version: "v1", resource: "daemonsets", kind: "DaemonSet", namespaced: true)
    public static let deployments = APIResource(group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)
    public static let podDisruptionBudgets = APIResource(group: "policy", version: "v1", resource: "poddisruptionbudgets",
                                                         kind: "PodDisruptionBudget", namespaced: true)
    public static let leases = APIResource(group: "coordination.k8s.io", version: "v1", resource: "leases", kind: "Lease", namespaced: true)
    public static let nodePools = APIResource(group: "karpenter.sh", version: "v1", resource: "nodepools", kind: "NodePool", namespaced: false)
    public static let nodeClaims = APIResource(group: "karpenter.sh", version: "v1", resource: "nodeclaims", kind: "NodeClaim", namespaced: false)
    public static let aksNodeClasses = APIResource(group: "karpenter.azure.com", version: "v1alpha2", resource: "aksnodeclasses",
                                                   kind: "AKSNodeClass", namespaced: false)
}
