import Foundation
import OrderedCollections
import Yams

/// Reads multi-document YAML (or JSON, which is YAML) into JSON trees with positions.
public enum ManifestParser {
    /// Deeper documents are refused before parsing; Karpenter objects nest fewer than 15 levels.
    public static let nestingLimit = 200

    /// Parses raw file bytes; rejects binary content with a clear error instead of guessing.
    public static func parse(data: Data) throws(ManifestError) -> [ManifestDocument] {
        if data.contains(0) {
            throw ManifestError(message: "the file contains NUL bytes: it looks binary, not YAML or JSON")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ManifestError(message: "the file is not valid UTF-8 text; save it as UTF-8 YAML or JSON")
        }
        return try parse(text: text)
    }

    public static func parse(text: String) throws(ManifestError) -> [ManifestDocument] {
        try NestingGuard.check(text, limit: nestingLimit)
        var documents: [ManifestDocument] = []
        let parser: Parser
        do {
            parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
        } catch {
            throw describe(error, document: 1)
        }
        var index = 0
        while true {
            index += 1
            let root: Yams.Node?
            do {
                root = try parser.nextRoot()
            } catch {
                throw describe(error, document: index)
            }
            guard let root else { break }
            var converter = NodeConverter(document: index)
            let value = try converter.convert(root, at: .root)
            if value.isNull { continue }
            let start = root.mark.map { SourceLocation(line: $0.line, column: $0.column) }
                ?? SourceLocation(line: 1, column: 1)
            documents.append(ManifestDocument(value: value, index: index, start: start, locations: converter.locations))
        }
        return documents
    }

    private static func describe(_ error: Error, document: Int) -> ManifestError {
        guard let yamlError = error as? YamlError else {
            return ManifestError(document: document, message: "cannot read YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return ManifestError(
                document: document,
                location: SourceLocation(line: mark.line, column: mark.column),
                message: "invalid YAML: \(detail)"
            )
        case .reader(let problem, let offset, _, _):
            return ManifestError(document: document, message: "invalid text at byte \(offset ?? 0): \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ManifestError(
                document: document,
                location: SourceLocation(line: context.mark.line, column: context.mark.column),
                message: "duplicate key(s) \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) in one mapping; keep only one of each"
            )
        default:
            return ManifestError(document: document, message: "cannot read YAML: \(yamlError)")
        }
    }
}

/// Turns a Yams node tree into a `JSONValue`, recording positions.
private struct NodeConverter {
    let document: Int
    var locations: [FieldPath: SourceLocation] = [:]

    init(document: Int) { self.document = document }

    mutating func convert(_ node: Yams.Node, at path: FieldPath) throws(ManifestError) -> JSONValue {
        if let mark = node.mark, locations[path] == nil {
            locations[path] = SourceLocation(line: mark.line, column: mark.column)
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any {
                return ScalarResolver.resolvePlain(scalar.string)
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            items.reserveCapacity(sequence.count)
            for (position, item) in sequence.enumerated() {
                items.append(try convert(item, at: path.index(position)))
            }
            return .array(items)
        case .mapping(let mapping):
            var dict = OrderedDictionary<String, JSONValue>()
            for (keyNode, valueNode) in mapping {
                let key = try keyString(keyNode)
                let childPath = path.child(key)
                if let mark = keyNode.mark {
                    locations[childPath] = SourceLocation(line: mark.line, column: mark.column)
                }
                dict[key] = try convert(valueNode, at: childPath)
            }
            return .object(dict)
        case .alias:
            throw ManifestError(document: document, location: location(of: node), message: "unresolved YAML alias")
        }
    }

    private func keyString(_ node: Yams.Node) throws(ManifestError) -> String {
        guard case .scalar(let scalar) = node else {
            throw ManifestError(
                document: document, location: location(of: node),
                message: "a mapping key must be a plain string, not a list or mapping"
            )
        }
        if scalar.style == .plain || scalar.style == .any {
            switch ScalarResolver.resolvePlain(scalar.string) {
            case .string(let text): return text
            case .number(let text): return text
            case .bool(let flag): return flag ? "true" : "false"
            case .null: return "null"
            default: return scalar.string
            }
        }
        return scalar.string
    }

    private func location(of node: Yams.Node) -> SourceLocation? {
        node.mark.map { SourceLocation(line: $0.line, column: $0.column) }
    }
}
