/// The allowed values of one label key (SCHEDULING.md §3.1):
/// `values` when not a complement, "anything but `values`" when a complement, further limited
/// to integers in `[greaterThanOrEqual, lessThanOrEqual]` when either bound is set.
public struct Requirement: Sendable, Hashable {
    public let key: LabelKey
    public internal(set) var isComplement: Bool
    public internal(set) var values: LabelValueSet
    public internal(set) var greaterThanOrEqual: Int64?
    public internal(set) var lessThanOrEqual: Int64?
    public var minValues: Int?

    init(key: LabelKey, isComplement: Bool, values: LabelValueSet,
         greaterThanOrEqual: Int64? = nil, lessThanOrEqual: Int64? = nil, minValues: Int? = nil) {
        self.key = key
        self.isComplement = isComplement
        self.values = values
        self.greaterThanOrEqual = greaterThanOrEqual
        self.lessThanOrEqual = lessThanOrEqual
        self.minValues = minValues
    }

    /// Builds a requirement from an operator. The key is normalised first
    /// (`beta.kubernetes.io/arch` → `kubernetes.io/arch`, …).
    public init(_ key: String, _ op: RequirementOperator, _ values: [String] = [],
                minValues: Int? = nil) throws(RequirementError) {
        let normalized = LabelKeyNormalization.normalize(key)
        let labelKey = LabelKey(normalized)
        switch op {
        case .in, .notIn:
            let set = LabelValueSet(values.map {
                LabelValue(LabelKeyNormalization.normalizeValue($0, originalKey: key))
            })
            self.init(key: labelKey, isComplement: op == .notIn, values: set, minValues: minValues)
        case .exists:
            self.init(key: labelKey, isComplement: true, values: LabelValueSet(), minValues: minValues)
        case .doesNotExist:
            self.init(key: labelKey, isComplement: false, values: LabelValueSet(), minValues: minValues)
        case .gt, .lt, .gte, .lte:
            guard values.count == 1 else {
                throw .wrongValueCount(key: key, operator: op.rawValue, expected: "exactly one integer", got: values.count)
            }
            guard let number = Int64(values[0]) else {
                throw .notAnInteger(key: key, operator: op.rawValue, value: values[0])
            }
            self.init(key: labelKey, isComplement: true, values: LabelValueSet(), minValues: minValues)
            switch op {
            case .gt:
                if number == .max { self = Requirement.doesNotExist(labelKey, minValues: minValues) }
                else { greaterThanOrEqual = number + 1 }
            case .lt:
                if number == .min { self = Requirement.doesNotExist(labelKey, minValues: minValues) }
                else { lessThanOrEqual = number - 1 }
            case .gte: greaterThanOrEqual = number
            default: lessThanOrEqual = number
            }
        }
    }

    public init(_ input: RequirementInput) throws(RequirementError) {
        guard let op = RequirementOperator(rawValue: input.operator) else {
            throw .unknownOperator(key: input.key, operator: input.operator)
        }
        try self.init(input.key, op, input.values, minValues: input.minValues)
    }

    public static func `in`(_ key: String, _ values: [String], minValues: Int? = nil) -> Requirement {
        Requirement(key: LabelKey(LabelKeyNormalization.normalize(key)), isComplement: false,
                    values: LabelValueSet(strings: values), minValues: minValues)
    }

    /// `In` on an already interned (and normalised) key: skips the key lookup, for providers
    /// that build thousands of requirements on the same keys.
    public static func `in`(_ key: LabelKey, _ values: [String]) -> Requirement {
        Requirement(key: key, isComplement: false, values: LabelValueSet(strings: values))
    }

    public static func doesNotExist(_ key: LabelKey) -> Requirement {
        Requirement(key: key, isComplement: false, values: LabelValueSet())
    }

    public static func notIn(_ key: String, _ values: [String]) -> Requirement {
        Requirement(key: LabelKey(LabelKeyNormalization.normalize(key)), isComplement: true,
                    values: LabelValueSet(strings: values))
    }

    public static func exists(_ key: String) -> Requirement {
        exists(LabelKey(LabelKeyNormalization.normalize(key)))
    }

    public static func doesNotExist(_ key: String) -> Requirement {
        doesNotExist(LabelKey(LabelKeyNormalization.normalize(key)))
    }

    static func exists(_ key: LabelKey) -> Requirement {
        Requirement(key: key, isComplement: true, values: LabelValueSet())
    }

    static func doesNotExist(_ key: LabelKey, minValues: Int?) -> Requirement {
        Requirement(key: key, isComplement: false, values: LabelValueSet(), minValues: minValues)
    }

    /// The operator this requirement prints as: bounded complements are still `Exists`.
    public var `operator`: RequirementOperator {
        if isComplement { return values.isEmpty ? .exists : .notIn }
        return values.isEmpty ? .doesNotExist : .in
    }

    /// Number of allowed values; complements count as `Int.max - |excluded|`.
    public var count: Int { isComplement ? Int.max - values.count : values.count }

    /// Whether `value` is allowed.
    public func allows(_ value: String) -> Bool {
        guard let id = LabelInterner.shared.existingID(value) else {
            // Never-interned strings are in no value set; only bounds can reject them.
            return isComplement && LabelValue(value).isWithin(
                greaterThanOrEqual: greaterThanOrEqual, lessThanOrEqual: lessThanOrEqual)
        }
        return allows(LabelValue(id: id, text: value))
    }

    @inline(__always)
    public func allows(_ value: LabelValue) -> Bool {
        guard value.isWithin(greaterThanOrEqual: greaterThanOrEqual, lessThanOrEqual: lessThanOrEqual) else { return false }
        return values.contains(value) != isComplement
    }

    /// The allowed (or, for complements, excluded) values as text, sorted.
    public var valueStrings: [String] { values.sortedStrings }

    /// A concrete value to use as a node label. `In`: the alphabetically first value.
    /// `Exists`/`NotIn`: the smallest non-negative integer inside the bounds that is not
    /// excluded (upstream picks a random one; a deterministic choice keeps plans reproducible).
    /// `DoesNotExist`: nil.
    public func anyValue() -> String? {
        switch self.operator {
        case .in: return valueStrings.first
        case .doesNotExist: return nil
        default:
            var candidate = max(greaterThanOrEqual ?? 0, 0)
            if let upper = lessThanOrEqual, candidate > upper { candidate = greaterThanOrEqual ?? upper }
            while true {
                let text = String(candidate)
                if allows(text) { return text }
                if let upper = lessThanOrEqual, candidate >= upper { return nil }
                candidate += 1
            }
        }
    }
}

extension LabelValue {
    init(id: UInt32, text: String) {
        self.id = id
        if let number = Int64(text) { isInteger = 1; integer = number } else { isInteger = 0; integer = 0 }
    }
}
