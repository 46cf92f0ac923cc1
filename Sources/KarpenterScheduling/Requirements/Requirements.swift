/// Requirements keyed by label key (SCHEDULING.md §3.3), stored as a small array sorted by
/// interned key id so that pairwise checks are a merge walk without hashing or allocation.
public struct Requirements: Sendable, Hashable, Sequence {
    private(set) var items: ContiguousArray<Requirement>

    public init() { items = [] }

    /// Adds every requirement; repeated keys intersect.
    public init<S: Sequence>(_ requirements: S) where S.Element == Requirement {
        items = []
        for requirement in requirements { add(requirement) }
    }

    /// Builds from user input, reporting the first bad entry.
    public init(inputs: [RequirementInput]) throws(RequirementError) {
        items = []
        for input in inputs { add(try Requirement(input)) }
    }

    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }
    public func makeIterator() -> ContiguousArray<Requirement>.Iterator { items.makeIterator() }

    /// Keys in alphabetical order.
    public var keys: [String] { items.map(\.key.name).sorted() }

    /// Requirements in alphabetical key order (for printing and serialisation).
    public var sorted: [Requirement] { items.sorted { $0.key.name < $1.key.name } }

    @inline(__always)
    func index(of key: LabelKey) -> Int? {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) >> 1
            let probe = items[mid].key.id
            if probe == key.id { return mid }
            if probe < key.id { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    @inline(__always)
    func insertionIndex(of key: LabelKey) -> Int {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) >> 1
            if items[mid].key.id < key.id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Narrows by `requirement`: intersects with an existing one on the same key, else adds it.
    public mutating func add(_ requirement: Requirement) {
        let position = insertionIndex(of: requirement.key)
        if position < items.count && items[position].key == requirement.key {
            items[position] = items[position].intersection(requirement)
        } else {
            items.insert(requirement, at: position)
        }
    }

    public mutating func add(_ other: Requirements) {
        for requirement in other.items { add(requirement) }
    }

    /// A copy narrowed by every requirement of `other`.
    public func intersection(_ other: Requirements) -> Requirements {
        var result = self
        result.add(other)
        return result
    }

    /// Replaces (not intersects) the requirement for its key.
    public mutating func set(_ requirement: Requirement) {
        let position = insertionIndex(of: requirement.key)
        if position < items.count && items[position].key == requirement.key {
            items[position] = requirement
        } else {
            items.insert(requirement, at: position)
        }
    }

    public mutating func remove(_ key: String) {
        guard let id = LabelInterner.shared.existingID(LabelKeyNormalization.normalize(key)),
              let position = index(of: LabelKey(id: id)) else { return }
        items.remove(at: position)
    }

    public func has(_ key: String) -> Bool { lookup(key) != nil }

    public func has(_ key: LabelKey) -> Bool { index(of: key) != nil }

    /// The requirement for `key`; a missing key allows anything (`Exists`).
    public func get(_ key: String) -> Requirement {
        let normalized = LabelKeyNormalization.normalize(key)
        return lookup(normalized) ?? .exists(LabelKey(normalized))
    }

    public func get(_ key: LabelKey) -> Requirement {
        if let position = index(of: key) { return items[position] }
        return .exists(key)
    }

    public subscript(key: String) -> Requirement? { lookup(LabelKeyNormalization.normalize(key)) }

    private func lookup(_ key: String) -> Requirement? {
        guard let id = LabelInterner.shared.existingID(key),
              let position = index(of: LabelKey(id: id)) else { return nil }
        return items[position]
    }

    /// Whether any requirement carries `minValues`.
    public var hasMinValues: Bool { items.contains { $0.minValues != nil } }

    /// Single concrete label values: for every non-restricted key whose requirement yields a
    /// value (`anyValue()`), that value.
    public func labels(wellKnown: LabelKeySet = SchedulingLabel.core) -> [String: String] {
        var labels: [String: String] = [:]
        for requirement in items {
            let name = requirement.key.name
            guard !SchedulingLabel.isRestricted(name, wellKnown: wellKnown),
                  let value = requirement.anyValue(), !value.isEmpty else { continue }
            labels[name] = value
        }
        return labels
    }

    public var inputs: [RequirementInput] { sorted.flatMap(\.inputs) }
}

extension Requirements: CustomStringConvertible {
    /// Requirements joined by ", " in key order, as upstream prints them in errors.
    public var description: String { sorted.map(\.description).joined(separator: ", ") }
}
