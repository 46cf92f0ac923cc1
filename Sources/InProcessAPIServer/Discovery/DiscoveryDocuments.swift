import KarpenterAPI

/// The discovery documents kubectl and client-go read before they talk to a resource.
enum DiscoveryDocuments {
    static func apiVersions(serverAddress: String) -> JSONValue {
        .object([
            "kind": .string("APIVersions"), "versions": .array([.string("v1")]),
            "serverAddressByClientCIDRs": .array([.object([
                "clientCIDR": .string("0.0.0.0/0"), "serverAddress": .string(serverAddress),
            ])]),
        ])
    }

    static func groupList() -> JSONValue {
        .object([
            "kind": .string("APIGroupList"), "apiVersion": .string("v1"),
            "groups": .array(ResourceType.groups.map { group(name: $0.name, versions: $0.versions, standalone: false) }),
        ])
    }

    static func group(_ name: String) -> JSONValue? {
        guard let entry = ResourceType.groups.first(where: { $0.name == name }) else { return nil }
        return group(name: entry.name, versions: entry.versions, standalone: true)
    }

    private static func group(name: String, versions: [String], standalone: Bool) -> JSONValue {
        let ordered = versions.sorted { KubeVersionPriority.isHigher($0, than: $1) }
        let entries = ordered.map { version -> JSONValue in
            .object(["groupVersion": .string("\(name)/\(version)"), "version": .string(version)])
        }
        var object: JSONValue = .object([:])
        if standalone {
            object["kind"] = .string("APIGroup")
            object["apiVersion"] = .string("v1")
        }
        object["name"] = .string(name)
        object["versions"] = .array(entries)
        object["preferredVersion"] = entries.first ?? .null
        return object
    }

    static func resourceList(group: String, version: String) -> JSONValue {
        var resources: [JSONValue] = []
        for type in ResourceType.all where type.group == group && type.version == version {
            var entry: JSONValue = .object([
                "name": .string(type.resource), "singularName": .string(type.singular),
                "namespaced": .bool(type.namespaced), "kind": .string(type.kind),
                "verbs": .array(type.verbs.map(JSONValue.string)),
            ])
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
            if !type.categories.isEmpty { entry["categories"] = .array(type.categories.map(JSONValue.string)) }
            resources.append(entry)
            for subresource in ResourceType.Subresource.allCases where type.subresources.contains(subresource) {
                resources.append(subresourceEntry(type, subresource))
            }
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return .object([
            "kind": .string("APIResourceList"), "apiVersion": .string("v1"),
            "groupVersion": .string(groupVersion), "resources": .array(resources),
        ])
    }

    private static func subresourceEntry(_ type: ResourceType, _ subresource: ResourceType.Subresource) -> JSONValue {
        var entry: JSONValue = .object([
            "name": .string("\(type.resource)/\(subresource.rawValue)"), "singularName": .string(""),
            "namespaced": .bool(type.namespaced),
        ])
        switch subresource {
        case .status:
            entry["kind"] = .string(type.kind)
            entry["verbs"] = .array(["get", "patch", "update"].map(JSONValue.string))
        case .eviction:
            entry["group"] = .string("policy")
            entry["version"] = .string("v1")
            entry["kind"] = .string("Eviction")
            entry["verbs"] = .array([.string("create")])
        case .binding:
            entry["kind"] = .string("Binding")
            entry["verbs"] = .array([.string("create")])
        }
        return entry
    }

    static func version() -> JSONValue {
        .object([
            "major": .string("1"), "minor": .string("32"), "gitVersion": .string("v1.32.0"),
            "gitCommit": .string("70d3cc986aa8221cd1dfb1121852688902d3bf53"), "gitTreeState": .string("clean"),
            "buildDate": .string("2024-12-11T17:59:15Z"), "goVersion": .string("go1.23.3"),
            "compiler": .string("gc"), "platform": .string("linux/amd64"),
        ])
    }
}

/// Orders API versions as Kubernetes does: GA before beta before alpha, higher numbers first.
enum KubeVersionPriority {
    private static func rank(_ version: String) -> (stability: Int, major: Int, minor: Int) {
        let pattern = version.dropFirst()
        let digits = pattern.prefix { $0.isNumber }
        let major = Int(digits) ?? 0
        let rest = pattern.dropFirst(digits.count)
        if rest.isEmpty { return (3, major, 0) }
        if rest.hasPrefix("beta") { return (2, major, Int(rest.dropFirst(4)) ?? 0) }
        if rest.hasPrefix("alpha") { return (1, major, Int(rest.dropFirst(5)) ?? 0) }
        return (0, major, 0)
    }

    static func isHigher(_ left: String, than right: String) -> Bool {
        let a = rank(left)
        let b = rank(right)
        if a.stability != b.stability { return a.stability > b.stability }
        if a.major != b.major { return a.major > b.major }
        return a.minor > b.minor
    }
}
