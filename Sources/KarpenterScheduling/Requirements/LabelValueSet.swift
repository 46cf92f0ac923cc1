/// A small set of label values kept as an array sorted by interning id. Membership is a
/// binary search; set operations are linear merges. Most requirement sets hold 1–5 values.
public struct LabelValueSet: Sendable, Hashable, Sequence {
    private(set) var items: ContiguousArray<LabelValue>

    public init() { items = [] }

    public init<S: Sequence>(_ values: S) where S.Element == LabelValue {
        var items = ContiguousArray(values)
        if items.count < 2 {
            self.items = items
            return
        }
        items.sort()
        var unique = ContiguousArray<LabelValue>()
        unique.reserveCapacity(items.count)
        for value in items where unique.last != value { unique.append(value) }
        self.items = unique
    }

    init(sortedUnique items: ContiguousArray<LabelValue>) { self.items = items }

    public init(strings: [String]) { self.init(strings.map(LabelValue.init)) }

    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }
    public func makeIterator() -> ContiguousArray<LabelValue>.Iterator { items.makeIterator() }

    /// Values as text, sorted alphabetically (for printing and stable output).
    public var sortedStrings: [String] { items.map(\.text).sorted() }

    @inline(__always)
    public func contains(_ value: LabelValue) -> Bool { containsID(value.id) }

    @inline(__always)
    func containsID(_ id: UInt32) -> Bool {
        if items.count <= 8 {
            for item in items where item.id == id { return true }
            return false
        }
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) >> 1
            let probe = items[mid].id
            if probe == id { return true }
            if probe < id { low = mid + 1 } else { high = mid }
        }
        return false
    }

    public func union(_ other: LabelValueSet) -> LabelValueSet {
        if other.items.isEmpty { return self }
        if items.isEmpty { return other }
        var result = ContiguousArray<LabelValue>()
        result.reserveCapacity(items.count + other.items.count)
        var i = 0, j = 0
        while i < items.count && j < other.items.count {
            let a = items[i], b = other.items[j]
            if a.id == b.id { result.append(a); i += 1; j += 1 }
            else if a.id < b.id { result.append(a); i += 1 }
            else { result.append(b); j += 1 }
        }
        while i < items.count { result.append(items[i]); i += 1 }
        while j < other.items.count { result.append(other.items[j]); j += 1 }
        return LabelValueSet(sortedUnique: result)
    }

    /// Members of `self` that are in `other` (`keep == true`) or not in it (`keep == false`),
    /// and within the integer bounds when any are given.
    func filtered(against other: LabelValueSet, keepMembers keep: Bool,
                  greaterThanOrEqual lower: Int64?, lessThanOrEqual upper: Int64?) -> LabelValueSet {
        var result = ContiguousArray<LabelValue>()
        for value in items where other.containsID(value.id) == keep
            && value.isWithin(greaterThanOrEqual: lower, lessThanOrEqual: upper) {
            result.append(value)
        }
        return LabelValueSet(sortedUnique: result)
    }

    /// True when some member passes the same test as `filtered`, without allocating.
    @inline(__always)
    func anyMember(against other: LabelValueSet, keepMembers keep: Bool,
                   greaterThanOrEqual lower: Int64?, lessThanOrEqual upper: Int64?) -> Bool {
        for value in items where other.containsID(value.id) == keep
            && value.isWithin(greaterThanOrEqual: lower, lessThanOrEqual: upper) {
            return true
        }
        return false
    }

    func bounded(greaterThanOrEqual lower: Int64?, lessThanOrEqual upper: Int64?) -> LabelValueSet {
        if lower == nil && upper == nil { return self }
        return LabelValueSet(sortedUnique: items.filter {
            $0.isWithin(greaterThanOrEqual: lower, lessThanOrEqual: upper)
        })
    }
}
