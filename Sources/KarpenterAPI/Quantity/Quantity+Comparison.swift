// Equality, hashing and ordering use the numeric value only: the format and the
// parsed spelling do not matter, so `1Gi == 1024Mi` and both hash alike.
extension Quantity: Equatable, Hashable, Comparable {
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool {
        lhs.nanos == rhs.nanos
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(nanos)
    }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool {
        lhs.nanos < rhs.nanos
    }
}
