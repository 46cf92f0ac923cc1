import KarpenterAPI

struct SelectorSyntaxError: Error {
    let message: String
}

/// Tokenizes and parses the label selector grammar, with apimachinery's error wording.
struct LabelSelectorParser {
    enum Token: Equatable {
        case identifier(String)
        case doesNotExist      // !
        case equals            // =
        case doubleEquals      // ==
        case notEquals         // !=
        case greaterThan       // >
        case lessThan          // <
        case openParen
        case closeParen
        case comma
        case end

        var literal: String {
            switch self {
            case .identifier(let text): return text
            case .doesNotExist: return "!"
            case .equals: return "="
            case .doubleEquals: return "=="
            case .notEquals: return "!="
            case .greaterThan: return ">"
            case .lessThan: return "<"
            case .openParen: return "("
            case .closeParen: return ")"
            case .comma: return ","
            case .end: return ""
            }
        }
    }

    private var tokens: [Token]
    private var position = 0

    init(_ text: String) {
        tokens = Self.tokenize(text)
    }

    private static let specialCharacters: Set<Character> = ["!", "=", ">", "<", "(", ")", ","]

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            if specialCharacters.contains(character) {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                switch (character, next) {
                case ("!", "="): tokens.append(.notEquals); index += 2
                case ("=", "="): tokens.append(.doubleEquals); index += 2
                case ("!", _): tokens.append(.doesNotExist); index += 1
                case ("=", _): tokens.append(.equals); index += 1
                case (">", _): tokens.append(.greaterThan); index += 1
                case ("<", _): tokens.append(.lessThan); index += 1
                case ("(", _): tokens.append(.openParen); index += 1
                case (")", _): tokens.append(.closeParen); index += 1
                default: tokens.append(.comma); index += 1
                }
                continue
            }
            var word = ""
            while index < characters.count, !characters[index].isWhitespace, !specialCharacters.contains(characters[index]) {
                word.append(characters[index])
                index += 1
            }
            tokens.append(.identifier(word))
        }
        tokens.append(.end)
        return tokens
    }

    private var current: Token { tokens[min(position, tokens.count - 1)] }

    private mutating func consume() -> Token {
        let token = current
        if position < tokens.count { position += 1 }
        return token
    }

    mutating func parse() throws(SelectorSyntaxError) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        while true {
            switch current {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw SelectorSyntaxError(message: "unable to parse requirement: \(error.message)")
                }
                let separator = consume()
                switch separator {
                case .end:
                    return requirements
                case .comma:
                    switch current {
                    case .identifier, .doesNotExist: continue
                    default: throw SelectorSyntaxError(message: "found '\(current.literal)', expected: identifier after ','")
                    }
                default:
                    throw SelectorSyntaxError(message: "found '\(separator.literal)', expected: ',' or 'end of string'")
                }
            case .end:
                return requirements
            default:
                throw SelectorSyntaxError(message: "found '\(current.literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(SelectorSyntaxError) -> LabelSelector.Requirement {
        var negated = false
        var token = consume()
        if token == .doesNotExist {
            negated = true
            token = consume()
        }
        guard case .identifier(let key) = token else {
            throw SelectorSyntaxError(message: "found '\(token.literal)', expected: identifier")
        }
        let keyProblems = KubernetesNames.qualifiedNameProblems(key)
        if !keyProblems.isEmpty {
            throw SelectorSyntaxError(message: "key: Invalid value: \(FieldIssue.quoted(key)): \(keyProblems.joined(separator: "; "))")
        }
        if current == .end || current == .comma {
            return LabelSelector.Requirement(key: key, op: negated ? .doesNotExist : .exists, values: [])
        }
        if negated {
            throw SelectorSyntaxError(message: "found '\(current.literal)', expected: ',' or 'end of string'")
        }
        let op = try parseOperator()
        let values: [String]
        switch op {
        case .in, .notIn: values = try parseValueList()
        default: values = try parseExactValue()
        }
        return try validated(LabelSelector.Requirement(key: key, op: op, values: values))
    }

    private mutating func parseOperator() throws(SelectorSyntaxError) -> LabelSelector.Operator {
        let token = consume()
        switch token {
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .notEquals: return .notEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        case .identifier("in"): return .in
        case .identifier("notin"): return .notIn
        default:
            throw SelectorSyntaxError(message: "found '\(token.literal)', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    private mutating func parseExactValue() throws(SelectorSyntaxError) -> [String] {
        if current == .end || current == .comma { return [""] }
        let token = consume()
        guard case .identifier(let value) = token else {
            throw SelectorSyntaxError(message: "found '\(token.literal)', expected: identifier")
        }
        return [value]
    }

    private mutating func parseValueList() throws(SelectorSyntaxError) -> [String] {
        let open = consume()
        guard open == .openParen else {
            throw SelectorSyntaxError(message: "found '\(open.literal)', expected: '('")
        }
        var values: [String] = []
        var expectingValue = true
        while true {
            let token = consume()
            switch token {
            case .identifier(let value) where expectingValue:
                values.append(value)
                expectingValue = false
            case .comma where !expectingValue:
                expectingValue = true
            case .comma where expectingValue:
                // `(a,,b)` and `(,a)` carry an empty value, as upstream.
                values.append("")
            case .closeParen:
                if expectingValue && !values.isEmpty { values.append("") }
                return values
            default:
                throw SelectorSyntaxError(message: "found '\(token.literal)', expected: ',', ')' or identifier")
            }
        }
    }

    private func validated(_ requirement: LabelSelector.Requirement) throws(SelectorSyntaxError) -> LabelSelector.Requirement {
        switch requirement.op {
        case .in, .notIn:
            if requirement.values.isEmpty {
                throw SelectorSyntaxError(message: "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty")
            }
        case .equals, .doubleEquals, .notEquals:
            if requirement.values.count != 1 {
                throw SelectorSyntaxError(message: "values: Invalid value: \(requirement.values): exact-match compatibility requires one single value")
            }
        case .greaterThan, .lessThan:
            if requirement.values.count != 1 || Int64(requirement.values[0]) == nil {
                throw SelectorSyntaxError(message: "values[0]: Invalid value: \(FieldIssue.quoted(requirement.values.first ?? "")): for 'Gt', 'Lt' operators, the value must be an integer")
            }
            return requirement
        case .exists, .doesNotExist:
            break
        }
        for (index, value) in requirement.values.enumerated() {
            let problems = KubernetesNames.labelValueProblems(value)
            if !problems.isEmpty {
                throw SelectorSyntaxError(message: "values[\(index)]: Invalid value: \(FieldIssue.quoted(value)): \(problems.joined(separator: "; "))")
            }
        }
        return requirement
    }
}
