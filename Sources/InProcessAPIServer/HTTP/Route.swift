/// What a request path addresses.
enum Route: Equatable {
    case version
    case health(String)
    case apiVersions
    case apiGroupList
    case apiGroup(String)
    case resourceList(group: String, version: String)
    case openAPIRoot
    case openAPIGroupVersion(group: String, version: String)
    case collection(ResourceType, namespace: String?)
    case object(ResourceType, namespace: String?, name: String)
    case subresource(ResourceType, namespace: String?, name: String, ResourceType.Subresource)

    /// nil for paths the server does not serve (a 404).
    static func parse(_ path: String) -> Route? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let first = segments.first else { return nil }
        switch first {
        case "version" where segments.count == 1: return .version
        case "healthz", "livez", "readyz": return segments.count == 1 ? .health(first) : nil
        case "openapi":
            guard segments.count >= 2, segments[1] == "v3" else { return nil }
            switch (segments.count, segments.dropFirst(2).first) {
            case (2, _): return .openAPIRoot
            case (4, "api"): return .openAPIGroupVersion(group: "", version: segments[3])
            case (5, "apis"): return .openAPIGroupVersion(group: segments[3], version: segments[4])
            default: return nil
            }
        case "api":
            if segments.count == 1 { return .apiVersions }
            return resource(group: "", version: segments[1], rest: Array(segments.dropFirst(2)))
        case "apis":
            if segments.count == 1 { return .apiGroupList }
            if segments.count == 2 {
                return ResourceType.groups.contains { $0.name == segments[1] } ? .apiGroup(segments[1]) : nil
            }
            return resource(group: segments[1], version: segments[2], rest: Array(segments.dropFirst(3)))
        default:
            return nil
        }
    }

    private static func resource(group: String, version: String, rest: [String]) -> Route? {
        guard ResourceType.all.contains(where: { $0.group == group && $0.version == version }) else { return nil }
        if rest.isEmpty { return .resourceList(group: group, version: version) }
        func type(_ plural: String) -> ResourceType? {
            ResourceType.lookup(group: group, version: version, resource: plural)
        }
        // The namespace object itself and its subresources: `namespaces/{name}[/status]`.
        if group.isEmpty, rest[0] == "namespaces", rest.count == 2 || (rest.count == 3 && rest[2] == "status") {
            guard let namespaces = type("namespaces") else { return nil }
            return rest.count == 2 ? .object(namespaces, namespace: nil, name: rest[1]) : .subresource(namespaces, namespace: nil, name: rest[1], .status)
        }
        if rest[0] == "namespaces", rest.count >= 3 {
            guard let type = type(rest[2]), type.namespaced else { return nil }
            return item(type, namespace: rest[1], rest: Array(rest.dropFirst(3)))
        }
        guard let type = type(rest[0]) else { return nil }
        if type.namespaced {
            // Namespaced resources are listed (and watched) across namespaces here, nothing more.
            return rest.count == 1 ? .collection(type, namespace: nil) : nil
        }
        return item(type, namespace: nil, rest: Array(rest.dropFirst()))
    }

    private static func item(_ type: ResourceType, namespace: String?, rest: [String]) -> Route? {
        switch rest.count {
        case 0: return .collection(type, namespace: namespace)
        case 1: return .object(type, namespace: namespace, name: rest[0])
        case 2:
            guard let subresource = ResourceType.Subresource(rawValue: rest[1]), type.subresources.contains(subresource) else { return nil }
            return .subresource(type, namespace: namespace, name: rest[0], subresource)
        default: return nil
        }
    }
}
