import KarpenterAPI

extension JSONValue {
    /// Equal as decoded data: member order does not matter and numbers compare by value,
    /// so an object re-encoded by another client (Go field order, `1.0` for `1`) is the same.
    func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            for (key, value) in left {
                guard let counterpart = right[key], value.isEquivalent(to: counterpart) else { return false }
            }
            return true
        case (.array(let left), .array(let right)):
            guard left.count == right.count else { return false }
            return zip(left, right).allSatisfy { $0.isEquivalent(to: $1) }
        case (.number(let left), .number(let right)):
            if left == right { return true }
            if let a = Int64(left), let b = Int64(right) { return a == b }
            if let a = Double(left), let b = Double(right) { return a == b }
            return false
        default:
            return self == other
        }
    }
}

/// Optional-aware equivalence (a missing value equals only a missing value).
func equivalent(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
    switch (left, right) {
    case (nil, nil): return true
    case (let a?, let b?): return a.isEquivalent(to: b)
    default: return false
    }
}
