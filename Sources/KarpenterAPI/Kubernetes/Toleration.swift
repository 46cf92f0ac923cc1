public struct TolerationOperator: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let equal: TolerationOperator = "Equal"
    public static let exists: TolerationOperator = "Exists"
    public static let knownValues: [TolerationOperator] = [.equal, .exists]
}

public struct Toleration: Codable, Hashable, Sendable {
    public var key: String?
    /// Absent means `Equal`.
    public var `operator`: TolerationOperator?
    public var value: String?
    /// Absent or empty matches every effect.
    public var effect: TaintEffect?
    public var tolerationSeconds: Int64?

    public init(
        key: String? = nil, operator: TolerationOperator? = nil, value: String? = nil,
        effect: TaintEffect? = nil, tolerationSeconds: Int64? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    /// Kubernetes `Toleration.ToleratesTaint`: an empty effect matches all effects, an empty key
    /// matches all keys (meaningful with `Exists`, which ignores the value), `Equal` (or no
    /// operator) compares values with absent treated as empty, any other operator never matches.
    public func tolerates(_ taint: Taint) -> Bool {
        if let effect, !effect.rawValue.isEmpty, effect != taint.effect { return false }
        if let key, !key.isEmpty, key != taint.key { return false }
        switch self.operator?.rawValue ?? "" {
        case "", TolerationOperator.equal.rawValue:
            return (value ?? "") == (taint.value ?? "")
        case TolerationOperator.exists.rawValue:
            return true
        default:
            return false
        }
    }
}

extension Array where Element == Toleration {
    /// True when some toleration in the list tolerates `taint`.
    public func tolerate(_ taint: Taint) -> Bool {
        contains { $0.tolerates(taint) }
    }
}
