/// A parsed field selector (`spec.nodeName=n1,status.phase!=Failed`).
public struct FieldSelector: Sendable, Equatable {
    public struct Requirement: Sendable, Equatable {
        public var field: String
        public var value: String
        public var negated: Bool
    }

    public var requirements: [Requirement]

    public init(requirements: [Requirement] = []) {
        self.requirements = requirements
    }

    public static let everything = FieldSelector()

    public var isEmpty: Bool { requirements.isEmpty }

    /// A missing field compares as the empty string, as the API server's field sets do.
    func matches(_ fields: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = fields[requirement.field] ?? ""
            return requirement.negated ? actual != requirement.value : actual == requirement.value
        }
    }

    /// The value required for `field` by an `=`/`==` term (used for `metadata.name` watches).
    func exactValue(for field: String) -> String? {
        requirements.first { $0.field == field && !$0.negated }?.value
    }

    /// Parses the string form; terms are split on unescaped commas, values may escape `\,`, `\=`, `\!`, `\\`.
    public static func parse(_ text: String) throws(APIError) -> FieldSelector {
        var requirements: [Requirement] = []
        for term in splitTerms(text) where !term.isEmpty {
            guard let requirement = parseTerm(term) else {
                throw .badRequest("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            requirements.append(requirement)
        }
        return FieldSelector(requirements: requirements)
    }

    /// Checks every field against the ones the resource supports.
    func validate(for type: ResourceType) throws(APIError) {
        for requirement in requirements where !SelectableFields.supports(requirement.field, in: type) {
            throw .badRequest(SelectableFields.unsupportedMessage(requirement.field, in: type))
        }
    }

    private static func splitTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append("\\")
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "," {
                terms.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        terms.append(current)
        return terms
    }

    private static func parseTerm(_ term: String) -> Requirement? {
        for (op, negated) in [("!=", true), ("==", false), ("=", false)] {
            if let range = unescapedRange(of: op, in: term) {
                let field = String(term[..<range.lowerBound])
                let value = unescape(String(term[range.upperBound...]))
                guard let value else { return nil }
                return Requirement(field: field, value: value, negated: negated)
            }
        }
        return nil
    }

    private static func unescapedRange(of op: String, in term: String) -> Range<String.Index>? {
        var index = term.startIndex
        while index < term.endIndex {
            if term[index] == "\\" {
                index = term.index(after: index)
                if index < term.endIndex { index = term.index(after: index) }
                continue
            }
            if term[index...].hasPrefix(op) {
                return index..<term.index(index, offsetBy: op.count)
            }
            index = term.index(after: index)
        }
        return nil
    }

    private static func unescape(_ value: String) -> String? {
        var result = ""
        var escaped = false
        for character in value {
            if escaped {
                guard "\\,=!".contains(character) else { return nil }
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "=" || character == "!" || character == "," {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaped ? nil : result
    }
}
