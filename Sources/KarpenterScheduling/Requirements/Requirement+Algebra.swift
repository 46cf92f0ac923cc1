extension Requirement {
    /// The values allowed by both sides (SCHEDULING.md §3.2). Both sides must have the same key.
    public func intersection(_ other: Requirement) -> Requirement {
        let complement = isComplement && other.isComplement
        let lower = Self.maxOptional(greaterThanOrEqual, other.greaterThanOrEqual)
        let upper = Self.minOptional(lessThanOrEqual, other.lessThanOrEqual)
        let minValues = Self.maxOptional(self.minValues, other.minValues)
        if let lower, let upper, lower > upper {
            return .doesNotExist(key, minValues: minValues)
        }
        let values: LabelValueSet
        switch (isComplement, other.isComplement) {
        case (true, true):
            values = self.values.union(other.values).bounded(greaterThanOrEqual: lower, lessThanOrEqual: upper)
        case (true, false):
            values = other.values.filtered(against: self.values, keepMembers: false,
                                           greaterThanOrEqual: lower, lessThanOrEqual: upper)
        case (false, true):
            values = self.values.filtered(against: other.values, keepMembers: false,
                                          greaterThanOrEqual: lower, lessThanOrEqual: upper)
        case (false, false):
            values = self.values.filtered(against: other.values, keepMembers: true,
                                          greaterThanOrEqual: lower, lessThanOrEqual: upper)
        }
        // A concrete set already had the bounds applied; it carries none forward.
        return Requirement(key: key, isComplement: complement, values: values,
                           greaterThanOrEqual: complement ? lower : nil,
                           lessThanOrEqual: complement ? upper : nil,
                           minValues: minValues)
    }

    /// Whether the intersection would allow at least one value. Never allocates.
    @inline(__always)
    public func hasIntersection(_ other: Requirement) -> Bool {
        let lower = Self.maxOptional(greaterThanOrEqual, other.greaterThanOrEqual)
        let upper = Self.minOptional(lessThanOrEqual, other.lessThanOrEqual)
        if let lower, let upper, lower > upper { return false }
        switch (isComplement, other.isComplement) {
        case (true, true):
            return true
        case (true, false):
            return other.values.anyMember(against: values, keepMembers: false,
                                          greaterThanOrEqual: lower, lessThanOrEqual: upper)
        case (false, true):
            return values.anyMember(against: other.values, keepMembers: false,
                                    greaterThanOrEqual: lower, lessThanOrEqual: upper)
        case (false, false):
            return values.anyMember(against: other.values, keepMembers: true,
                                    greaterThanOrEqual: lower, lessThanOrEqual: upper)
        }
    }

    @inline(__always)
    static func maxOptional<T: Comparable>(_ a: T?, _ b: T?) -> T? {
        guard let a else { return b }
        guard let b else { return a }
        return Swift.max(a, b)
    }

    @inline(__always)
    static func minOptional<T: Comparable>(_ a: T?, _ b: T?) -> T? {
        guard let a else { return b }
        guard let b else { return a }
        return Swift.min(a, b)
    }
}
