import KarpenterScheduling

/// Where live commands get cluster objects: the seam between the pure presentation code and
/// the Kubernetes client. Tests use an in-memory source.
protocol ClusterSource: Sendable {
    /// Lists what `query` names and returns it as the API server sent it.
    func objects(_ query: ClusterQuery) async throws -> ClusterObjects
}

/// What a live command needs from the cluster. Each resource is listed cluster-wide (every
/// namespace for namespaced ones) unless `namespace(for:)` says otherwise.
struct ClusterQuery: Sendable, Hashable {
    var resources: [ClusterObjects.Resource]
    /// A kubectl label selector (`-l app=web,tier!=db`), for `selectorResource` only.
    var labelSelector: String?
    var selectorResource: ClusterObjects.Resource?
    /// Events are wanted only about pods of this namespace (explain filters them further by
    /// name and UID: the name given may be a workload's).
    var podEventsNamespace: String?
    /// Finished pods (Succeeded, Failed) may be left out of the pod list.
    var skipFinishedPods = false

    /// The namespace to list in; nil lists every namespace (or a cluster-scoped resource).
    func namespace(for resource: ClusterObjects.Resource) -> String? {
        resource == .events ? podEventsNamespace : nil
    }

    /// A field selector to pass to the list call, if any.
    func fieldSelector(for resource: ClusterObjects.Resource) -> String? {
        switch resource {
        case .events:
            return podEventsNamespace == nil ? nil : "involvedObject.kind=Pod"
        case .pods where skipFinishedPods:
            return "status.phase!=Succeeded,status.phase!=Failed"
        default:
            return nil
        }
    }

    func labelSelector(for resource: ClusterObjects.Resource) -> String? {
        resource == selectorResource ? labelSelector : nil
    }
}
