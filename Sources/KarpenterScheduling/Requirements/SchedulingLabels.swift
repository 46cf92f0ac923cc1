import KarpenterAPI

/// Label keys Karpenter core knows about (SCHEDULING.md §3.4), named as the scheduler uses
/// them; the strings live in `KarpenterAPI.WellKnownLabel`. Cloud providers extend the set by
/// building their own `LabelKeySet` (see `KarpenterAzure.AzureLabels.wellKnown`).
public enum SchedulingLabel {
    public static let nodePool = WellKnownLabel.nodePool
    public static let zone = WellKnownLabel.zone
    public static let region = WellKnownLabel.region
    public static let instanceType = WellKnownLabel.instanceType
    public static let arch = WellKnownLabel.arch
    public static let os = WellKnownLabel.os
    public static let capacityType = WellKnownLabel.capacityType
    public static let windowsBuild = WellKnownLabel.windowsBuild
    public static let hostname = WellKnownLabel.hostname

    public static let capacityTypeSpot = "spot"
    public static let capacityTypeOnDemand = "on-demand"
    public static let capacityTypeReserved = "reserved"

    public static let core = LabelKeySet(WellKnownLabel.core)

    /// `kubernetes.io/hostname` and `karpenter.sh` (sub)domain keys that are not well known
    /// may not be used as NodePool requirement or label keys.
    public static func isRestricted(_ key: String, wellKnown: LabelKeySet = core) -> Bool {
        if wellKnown.contains(key) { return false }
        if key == hostname { return true }
        let domain = key.split(separator: "/", maxSplits: 1).count == 2
            ? String(key.split(separator: "/", maxSplits: 1)[0]) : ""
        return domain == "karpenter.sh" || domain.hasSuffix(".karpenter.sh")
    }
}

/// A set of label keys as a bitmap over interning ids: membership is one shift and mask.
public struct LabelKeySet: Sendable, Hashable {
    private var words: [UInt64] = []
    public private(set) var names: [String] = []

    public init() {}

    public init<S: Sequence>(_ keys: S) where S.Element == String {
        for key in keys { insert(key) }
    }

    public mutating func insert(_ key: String) {
        let id = Int(LabelKey(key).id)
        let word = id >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        if words[word] & (1 << UInt64(id & 63)) == 0 {
            words[word] |= 1 << UInt64(id & 63)
            names.append(key)
            names.sort()
        }
    }

    public func union(_ other: LabelKeySet) -> LabelKeySet {
        var result = self
        for name in other.names { result.insert(name) }
        return result
    }

    @inline(__always)
    public func contains(_ key: LabelKey) -> Bool {
        let id = Int(key.id)
        let word = id >> 6
        return word < words.count && words[word] & (1 << UInt64(id & 63)) != 0
    }

    public func contains(_ key: String) -> Bool {
        guard let id = LabelInterner.shared.existingID(key) else { return false }
        return contains(LabelKey(id: id))
    }

    public var isEmpty: Bool { names.isEmpty }
}
