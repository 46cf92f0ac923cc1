import Foundation
import OrderedCollections

/// A served version of one of our CRDs with its schema tree.
public struct CRDSchema: Sendable {
    public let group: String
    public internal(set) var version: String
    public let kind: String
    public let plural: String
    public let served: Bool
    public internal(set) var storage: Bool
    public internal(set) var deprecated: Bool
    public let root: SchemaNode

    /// Builds the tree from the flattened form: a header line, then one JSON object per
    /// property path (`.spec.x`, `.spec.list[]` for items, `.spec.map{}` for map values).
    init(kind: String, flattened: String) throws {
        var lines = flattened.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw CELError(message: "empty schema") }
        let header = try Self.decode(lines.removeFirst())
        let crdName = header["crd"]?.stringValue ?? ""
        plural = String(crdName.prefix { $0 != "." })
        group = String(crdName.drop { $0 != "." }.dropFirst())
        version = header["version"]?.stringValue ?? ""
        served = header["served"]?.boolValue ?? true
        storage = header["storage"]?.boolValue ?? false
        deprecated = header["deprecated"]?.boolValue ?? false
        self.kind = kind

        var entries: [String: OrderedDictionary<String, JSONValue>] = [:]
        for line in lines {
            guard var object = try Self.decode(line).objectValue,
                  let path = object.removeValue(forKey: "path")?.stringValue else { continue }
            object.removeValue(forKey: "requiredByParent")
            entries[path] = object
        }
        root = try Self.build(path: ".", entries: entries)
    }

    private static func decode(_ line: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
    }

    private static func childPrefix(_ path: String) -> String { path == "." ? "." : path + "." }

    private static func build(path: String, entries: [String: OrderedDictionary<String, JSONValue>]) throws -> SchemaNode {
        let prefix = childPrefix(path)
        var properties = OrderedDictionary<String, SchemaNode>()
        let childNames = entries.keys.compactMap { key -> String? in
            guard key.hasPrefix(prefix), key != path else { return nil }
            let rest = key.dropFirst(prefix.count)
            guard !rest.isEmpty, !rest.contains("."), !rest.hasSuffix("[]"), !rest.hasSuffix("{}") else { return nil }
            return String(rest)
        }.sorted()
        for name in childNames {
            properties[name] = try build(path: prefix + name, entries: entries)
        }
        let itemsPath = path + "[]"
        let mapPath = path + "{}"
        return try SchemaNode(
            keywords: entries[path] ?? [:],
            properties: properties,
            items: entries[itemsPath] != nil ? try build(path: itemsPath, entries: entries) : nil,
            mapValues: entries[mapPath] != nil ? try build(path: mapPath, entries: entries) : nil
        )
    }
}
