import KarpenterAPI
import OrderedCollections

/// Strategic merge patch for built-in kinds: merge-patch semantics, except that the lists
/// the Kubernetes types mark `patchStrategy:"merge"` merge item by item on their merge key,
/// and the `$patch`, `$retainKeys`, `$deleteFromPrimitiveList/` and `$setElementOrder/`
/// directives. Lists not in `ListStrategies` are replaced, as upstream.
enum StrategicMergePatch {
    struct Failure: Error {
        let message: String
    }

    static func apply(_ patch: JSONValue, to document: JSONValue, kind: String) throws(APIError) -> JSONValue {
        guard patch.objectValue != nil else {
            throw .badRequest("json: cannot unmarshal \(patch.typeName) into Go value of type map[string]interface {}")
        }
        do {
            return try merge(patch, into: document, path: [], kind: kind)
        } catch {
            throw .badRequest(error.message)
        }
    }

    private static func merge(_ patch: JSONValue, into original: JSONValue, path: [String], kind: String) throws(Failure) -> JSONValue {
        guard case .object(var patchFields) = patch else { return patch }
        if let directive = patchFields["$patch"]?.stringValue {
            patchFields.removeValue(forKey: "$patch")
            switch directive {
            case "replace": return .object(patchFields)
            case "delete": return .null
            case "merge": break
            default: throw Failure(message: "Unknown patch type: \(directive) in map: \(JSONWriter.string(patch))")
            }
        }
        var result = original.objectValue ?? [:]
        if let retained = patchFields.removeValue(forKey: "$retainKeys")?.arrayValue {
            let keep = Set(retained.compactMap(\.stringValue))
            for key in result.keys where !keep.contains(key) { result.removeValue(forKey: key) }
        }
        for key in patchFields.keys where key.hasPrefix("$setElementOrder/") {
            patchFields.removeValue(forKey: key)
        }
        for key in patchFields.keys where key.hasPrefix("$deleteFromPrimitiveList/") {
            let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
            let removed = patchFields.removeValue(forKey: key)?.arrayValue ?? []
            if let items = result[field]?.arrayValue {
                result[field] = .array(items.filter { item in !removed.contains { $0.isEquivalent(to: item) } })
            }
        }
        for (key, value) in patchFields {
            let childPath = path + [key]
            if value.isNull {
                result.removeValue(forKey: key)
                continue
            }
            switch value {
            case .object:
                let merged = try merge(value, into: result[key] ?? .object([:]), path: childPath, kind: kind)
                if merged.isNull { result.removeValue(forKey: key) } else { result[key] = merged }
            case .array(let items):
                result[key] = try mergeList(items, into: result[key]?.arrayValue ?? [], path: childPath, kind: kind)
            default:
                result[key] = value
            }
        }
        return .object(result)
    }

    private static func mergeList(_ patchItems: [JSONValue], into original: [JSONValue], path: [String], kind: String) throws(Failure) -> JSONValue {
        switch ListStrategies.strategy(for: path, kind: kind) {
        case .replace:
            return .array(patchItems.filter { $0["$patch"] == nil })
        case .mergePrimitives:
            var result = original
            for item in patchItems where !result.contains(where: { $0.isEquivalent(to: item) }) {
                result.append(item)
            }
            return .array(result)
        case .mergeByKey(let mergeKey):
            if patchItems.contains(where: { $0["$patch"]?.stringValue == "replace" }) {
                return .array(patchItems.filter { $0["$patch"] == nil })
            }
            var result = original
            for item in patchItems {
                guard item.objectValue != nil else {
                    result.append(item)
                    continue
                }
                guard let keyValue = item[mergeKey] else {
                    throw Failure(message: "map: \(JSONWriter.string(item)) does not contain declared merge key: \(mergeKey)")
                }
                let index = result.firstIndex { $0[mergeKey].map { $0.isEquivalent(to: keyValue) } ?? false }
                if item["$patch"]?.stringValue == "delete" {
                    if let index { result.remove(at: index) }
                    continue
                }
                if let index {
                    result[index] = try merge(item, into: result[index], path: path, kind: kind)
                } else {
                    result.append(try merge(item, into: .object([:]), path: path, kind: kind))
                }
            }
            return .array(result)
        }
    }
}

/// The `patchStrategy`/`patchMergeKey` tags of the list fields of the built-in types.
enum ListStrategies {
    enum Strategy: Equatable {
        case replace
        case mergeByKey(String)
        case mergePrimitives
    }

    static func strategy(for path: [String], kind: String) -> Strategy {
        guard let field = path.last else { return .replace }
        let parent = path.dropLast().last ?? ""
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "volumes", "imagePullSecrets",
             "resourceClaims", "schedulingGates":
            return .mergeByKey("name")
        case "env" where isContainer(parent):
            return .mergeByKey("name")
        case "ports" where isContainer(parent):
            return .mergeByKey("containerPort")
        case "ports" where kind == "Service" && parent == "spec":
            return .mergeByKey("port")
        case "volumeMounts":
            return .mergeByKey("mountPath")
        case "volumeDevices":
            return .mergeByKey("devicePath")
        case "hostAliases", "podIPs", "hostIPs":
            return .mergeByKey("ip")
        case "conditions", "addresses":
            return .mergeByKey("type")
        case "topologySpreadConstraints":
            return .mergeByKey("topologyKey")
        case "ownerReferences" where parent == "metadata":
            return .mergeByKey("uid")
        case "finalizers" where parent == "metadata":
            return .mergePrimitives
        default:
            return .replace
        }
    }

    private static func isContainer(_ parent: String) -> Bool {
        ["containers", "initContainers", "ephemeralContainers"].contains(parent)
    }
}
