import KarpenterAPI
import OrderedCollections

/// `-o name|json|yaml` as `kubectl get` prints several objects: `nodepool.karpenter.sh/default`
/// lines, or a `v1` `List` whose keys are sorted at every level (Go maps) and whose JSON is
/// indented by four spaces.
enum KubectlListOutput {
    static func names(_ rows: [GetTable.Row], prefix: String) -> String {
        rows.map { "\(prefix)/\($0.name)" }.joined(separator: "\n")
    }

    static func list(_ rows: [GetTable.Row]) -> JSONValue {
        sortedKeys(.object([
            "apiVersion": .string("v1"),
            "items": .array(rows.map(\.object)),
            "kind": .string("List"),
            "metadata": .object(["resourceVersion": .string("")]),
        ]))
    }

    static func json(_ rows: [GetTable.Row]) -> String {
        json(object: list(rows))
    }

    /// One object (`get nodepool default -o json`), keys sorted.
    static func json(object: JSONValue) -> String {
        // JSONWriter indents by two spaces and escapes newlines inside strings, so each line's
        // leading spaces are indentation only: doubling them gives kubectl's four.
        let lines = JSONWriter.string(sortedKeys(object), pretty: true).split(separator: "\n" as Character, omittingEmptySubsequences: false)
        return lines.map { (line: Substring) -> String in
            let indent = line.prefix { $0 == " " }.count
            return String(repeating: " ", count: indent * 2) + line.dropFirst(indent)
        }.joined(separator: "\n")
    }

    static func yaml(_ rows: [GetTable.Row]) -> String {
        yaml(object: list(rows))
    }

    static func yaml(object: JSONValue) -> String {
        var text = YAMLWriter.string(sortedKeys(object))
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields):
            var sorted = OrderedDictionary<String, JSONValue>()
            for key in fields.keys.sorted() { sorted[key] = fields[key].map(sortedKeys) }
            return .object(sorted)
        case .array(let items):
            return .array(items.map(sortedKeys))
        default:
            return value
        }
    }
}
