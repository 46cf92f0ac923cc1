import KarpenterAPI

/// A parsed label selector (`app=web,tier in (a,b),!legacy`), matched as apimachinery does.
public struct LabelSelector: Sendable, Equatable {
    public enum Operator: String, Sendable, Equatable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    public struct Requirement: Sendable, Equatable {
        public var key: String
        public var op: Operator
        public var values: [String]

        func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .equals, .doubleEquals, .in:
                guard let value else { return false }
                return values.contains(value)
            case .notEquals, .notIn:
                guard let value else { return true }
                return !values.contains(value)
            case .exists:
                return value != nil
            case .doesNotExist:
                return value == nil
            case .greaterThan, .lessThan:
                guard let value, let actual = Int64(value), let bound = values.first.flatMap({ Int64($0) }) else { return false }
                return op == .greaterThan ? actual > bound : actual < bound
            }
        }
    }

    public var requirements: [Requirement]

    public init(requirements: [Requirement] = []) {
        self.requirements = requirements
    }

    /// Matches everything.
    public static let everything = LabelSelector()

    public var isEmpty: Bool { requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// Parses the string form; the error text is the API server's.
    public static func parse(_ text: String) throws(APIError) -> LabelSelector {
        var parser = LabelSelectorParser(text)
        do {
            return LabelSelector(requirements: try parser.parse())
        } catch {
            throw .badRequest(error.message)
        }
    }
}

extension LabelSelector {
    /// A `metav1.LabelSelector` object (`matchLabels`, `matchExpressions`). Nil for a null
    /// or malformed selector, which selects nothing.
    init?(selectorObject: JSONValue?) {
        guard let selectorObject, let fields = selectorObject.objectValue else { return nil }
        var requirements: [Requirement] = []
        for (key, value) in (fields["matchLabels"]?.objectValue ?? [:]) {
            guard let text = value.stringValue else { return nil }
            requirements.append(Requirement(key: key, op: .equals, values: [text]))
        }
        for expression in fields["matchExpressions"]?.arrayValue ?? [] {
            guard let key = expression["key"]?.stringValue, let op = expression["operator"]?.stringValue else { return nil }
            let values = expression["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
            switch op {
            case "In": requirements.append(Requirement(key: key, op: .in, values: values))
            case "NotIn": requirements.append(Requirement(key: key, op: .notIn, values: values))
            case "Exists": requirements.append(Requirement(key: key, op: .exists, values: []))
            case "DoesNotExist": requirements.append(Requirement(key: key, op: .doesNotExist, values: []))
            default: return nil
            }
        }
        self.init(requirements: requirements)
    }
}
