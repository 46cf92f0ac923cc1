public struct TaintEffect: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let noSchedule: TaintEffect = "NoSchedule"
    public static let preferNoSchedule: TaintEffect = "PreferNoSchedule"
    public static let noExecute: TaintEffect = "NoExecute"
    public static let knownValues: [TaintEffect] = [.noSchedule, .preferNoSchedule, .noExecute]
}

public struct Taint: Codable, Hashable, Sendable {
    public var key: String
    public var value: String?
    public var effect: TaintEffect
    /// RFC 3339; only meaningful for NoExecute taints.
    public var timeAdded: String?

    public init(key: String, value: String? = nil, effect: TaintEffect, timeAdded: String? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    /// Same key and effect: the identity Kubernetes uses when merging or de-duplicating taints.
    public func matchesKeyAndEffect(_ other: Taint) -> Bool {
        key == other.key && effect == other.effect
    }
}
