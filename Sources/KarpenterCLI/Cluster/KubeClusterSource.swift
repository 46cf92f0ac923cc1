import KarpenterAPI
import KarpenterScheduling
import KubeClient

/// Reads a `ClusterQuery` from the API server: every resource listed at once (in parallel,
/// paginated), each with the query's namespace and selectors.
struct KubeClusterSource: ClusterSource {
    let client: KubernetesClient

    func objects(_ query: ClusterQuery) async throws -> ClusterObjects {
        let lists = try await withThrowingTaskGroup(of: (ClusterObjects.Resource, [JSONValue]).self) { group in
            for resource in Set(query.resources) {
                group.addTask {
                    do {
                        let list = try await client.listAll(Self.apiResource(resource), namespace: query.namespace(for: resource),
                                                            labelSelector: query.labelSelector(for: resource),
                                                            fieldSelector: query.fieldSelector(for: resource))
                        return (resource, list.items)
                    } catch let error where error.kubeStatus?.isNotFound == true {
                        // The resource type is not served (Karpenter's CRDs not installed).
                        guard resource == query.selectorResource || query.resources.first == resource else { return (resource, []) }
                        throw CLIError.failed(Self.notServed(resource))
                    }
                }
            }
            var lists: [ClusterObjects.Resource: [JSONValue]] = [:]
            for try await (resource, items) in group { lists[resource] = items }
            return lists
        }
        var objects = ClusterObjects()
        for (resource, items) in lists { objects[resource] = items }
        return objects
    }

    static func notServed(_ resource: ClusterObjects.Resource) -> String {
        let qualified = resource.group.isEmpty ? resource.plural : "\(resource.plural).\(resource.group)"
        return "error: the server doesn't have a resource type \"\(resource.plural)\" (\(resource.apiVersion))\n"
            + "hint: is Karpenter installed? kubectl get crd \(qualified)"
    }

    static func apiResource(_ resource: ClusterObjects.Resource) -> APIResource {
        APIResource(group: resource.group, version: resource.version, resource: resource.plural, kind: resource.kind,
                    namespaced: resource.namespaced)
    }
}
