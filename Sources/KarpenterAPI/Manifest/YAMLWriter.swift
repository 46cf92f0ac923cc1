import Yams

/// Prints a `JSONValue` as block YAML, keeping key order; strings that YAML would read as
/// something else (`on`, `0755`, `1e3`) are quoted.
public enum YAMLWriter {
    public static func string(_ value: JSONValue) -> String {
        (try? Yams.serialize(node: node(value), sortKeys: false)) ?? JSONWriter.string(value, pretty: true)
    }

    private static func node(_ value: JSONValue) -> Yams.Node {
        switch value {
        case .null: return Yams.Node("null", Tag(.null), .plain)
        case .bool(let flag): return Yams.Node(flag ? "true" : "false", Tag(.bool), .plain)
        case .number(let text): return Yams.Node(text, Tag(.int), .plain)
        case .string(let text):
            let plainReadsBack = ScalarResolver.resolvePlain(text) == .string(text) && !text.isEmpty
            return Yams.Node(text, Tag(.str), plainReadsBack ? .any : .doubleQuoted)
        case .array(let items):
            return Yams.Node(items.map(node), Tag(.seq), .block)
        case .object(let dict):
            return Yams.Node(dict.map { (Yams.Node($0.key, Tag(.str), .any), node($0.value)) }, Tag(.map), .block)
        }
    }
}
