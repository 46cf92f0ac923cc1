/// Resource amounts as plain integers so fit checks are a handful of comparisons:
/// cpu in millicores, memory and ephemeral storage in bytes, pods as a count, and any other
/// resource (GPUs, hugepages) by name in its base unit.
public struct ResourceVector: Sendable, Hashable {
    public var cpuMillis: Int64
    public var memoryBytes: Int64
    public var ephemeralStorageBytes: Int64
    public var pods: Int64
    /// Other resources sorted by name, e.g. `nvidia.com/gpu`, `hugepages-2Mi`.
    public private(set) var extended: [ExtendedResource]

    public struct ExtendedResource: Sendable, Hashable {
        public let name: String
        public var amount: Int64
    }

    public static let cpu = "cpu"
    public static let memory = "memory"
    public static let ephemeralStorage = "ephemeral-storage"
    public static let podsName = "pods"

    public init(cpuMillis: Int64 = 0, memoryBytes: Int64 = 0, ephemeralStorageBytes: Int64 = 0,
                pods: Int64 = 0, extended: [String: Int64] = [:]) {
        self.cpuMillis = cpuMillis
        self.memoryBytes = memoryBytes
        self.ephemeralStorageBytes = ephemeralStorageBytes
        self.pods = pods
        self.extended = extended.map { ExtendedResource(name: $0.key, amount: $0.value) }
            .sorted { $0.name < $1.name }
    }

    public static let zero = ResourceVector()

    /// The amount of `name` (cpu in millicores, everything else in base units); 0 when absent.
    public subscript(name: String) -> Int64 {
        get {
            switch name {
            case Self.cpu: return cpuMillis
            case Self.memory: return memoryBytes
            case Self.ephemeralStorage: return ephemeralStorageBytes
            case Self.podsName: return pods
            default: return extended.first { $0.name == name }?.amount ?? 0
            }
        }
        set {
            switch name {
            case Self.cpu: cpuMillis = newValue
            case Self.memory: memoryBytes = newValue
            case Self.ephemeralStorage: ephemeralStorageBytes = newValue
            case Self.podsName: pods = newValue
            default:
                if let index = extended.firstIndex(where: { $0.name == name }) {
                    extended[index].amount = newValue
                } else {
                    extended.append(ExtendedResource(name: name, amount: newValue))
                    extended.sort { $0.name < $1.name }
                }
            }
        }
    }

    /// Every resource with its amount, core resources first, then extended by name.
    public var entries: [(name: String, amount: Int64)] {
        [(Self.cpu, cpuMillis), (Self.memory, memoryBytes), (Self.ephemeralStorage, ephemeralStorageBytes),
         (Self.podsName, pods)] + extended.map { ($0.name, $0.amount) }
    }

    /// Entries whose amount is not zero (what a NodeClaim status shows).
    public var nonZeroEntries: [(name: String, amount: Int64)] { entries.filter { $0.amount != 0 } }

    public static func + (lhs: ResourceVector, rhs: ResourceVector) -> ResourceVector {
        var result = lhs
        result.cpuMillis &+= rhs.cpuMillis
        result.memoryBytes &+= rhs.memoryBytes
        result.ephemeralStorageBytes &+= rhs.ephemeralStorageBytes
        result.pods &+= rhs.pods
        for item in rhs.extended { result[item.name] = result[item.name] &+ item.amount }
        return result
    }

    public static func - (lhs: ResourceVector, rhs: ResourceVector) -> ResourceVector {
        var result = lhs
        result.cpuMillis &-= rhs.cpuMillis
        result.memoryBytes &-= rhs.memoryBytes
        result.ephemeralStorageBytes &-= rhs.ephemeralStorageBytes
        result.pods &-= rhs.pods
        for item in rhs.extended { result[item.name] = result[item.name] &- item.amount }
        return result
    }

    /// Per-resource maximum.
    public func maximum(_ other: ResourceVector) -> ResourceVector {
        var result = self
        result.cpuMillis = max(cpuMillis, other.cpuMillis)
        result.memoryBytes = max(memoryBytes, other.memoryBytes)
        result.ephemeralStorageBytes = max(ephemeralStorageBytes, other.ephemeralStorageBytes)
        result.pods = max(pods, other.pods)
        for item in other.extended { result[item.name] = max(result[item.name], item.amount) }
        return result
    }

    /// Upstream `Fits(request, available)`: false if any available amount is negative, else
    /// every requested amount must be ≤ the available one (absent counts as 0).
    @inline(__always)
    public func fits(in available: ResourceVector) -> Bool {
        if available.cpuMillis < 0 || available.memoryBytes < 0 || available.ephemeralStorageBytes < 0
            || available.pods < 0 { return false }
        for item in available.extended where item.amount < 0 { return false }
        if cpuMillis > available.cpuMillis || memoryBytes > available.memoryBytes
            || ephemeralStorageBytes > available.ephemeralStorageBytes || pods > available.pods { return false }
        for item in extended where item.amount > 0 && item.amount > available[item.name] { return false }
        return true
    }

    /// Sum of all `hugepages-*` resources, in bytes.
    public var hugePagesBytes: Int64 {
        extended.reduce(0) { $1.name.hasPrefix("hugepages-") ? $0 &+ $1.amount : $0 }
    }
}
