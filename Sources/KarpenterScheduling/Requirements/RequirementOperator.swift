/// Node selector operators, including Karpenter's `Gte`/`Lte` extensions.
public enum RequirementOperator: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case `in` = "In"
    case notIn = "NotIn"
    case exists = "Exists"
    case doesNotExist = "DoesNotExist"
    case gt = "Gt"
    case lt = "Lt"
    case gte = "Gte"
    case lte = "Lte"

    public var description: String { rawValue }

    /// `NotIn` and `DoesNotExist` only exclude; two such sides never conflict (SCHEDULING.md §3.3).
    public var isNegative: Bool { self == .notIn || self == .doesNotExist }
}

public enum RequirementError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownOperator(key: String, operator: String)
    case notAnInteger(key: String, operator: String, value: String)
    case wrongValueCount(key: String, operator: String, expected: String, got: Int)

    public var description: String {
        switch self {
        case .unknownOperator(let key, let op):
            return "key \(key): unsupported operator \"\(op)\" (use In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte or Lte)"
        case .notAnInteger(let key, let op, let value):
            return "key \(key): operator \(op) needs an integer value, got \"\(value)\""
        case .wrongValueCount(let key, let op, let expected, let got):
            return "key \(key): operator \(op) takes \(expected), got \(got) value(s)"
        }
    }
}
