/// AKS kube-reserved: progressive ("tax bracket") shares of CPU and memory (INSTANCETYPES.md §3).
public enum KubeReserved {
    struct Bracket {
        let upper: Double
        let rate: Double
    }

    static let cpuBrackets = [
        Bracket(upper: 1, rate: 0.06), Bracket(upper: 2, rate: 0.04),
        Bracket(upper: 4, rate: 0.02), Bracket(upper: .greatestFiniteMagnitude, rate: 0.01),
    ]

    static let memoryBrackets = [
        Bracket(upper: 4, rate: 0.25), Bracket(upper: 8, rate: 0.20), Bracket(upper: 16, rate: 0.10),
        Bracket(upper: 128, rate: 0.06), Bracket(upper: .greatestFiniteMagnitude, rate: 0.02),
    ]

    static func tax(_ amount: Double, _ brackets: [Bracket]) -> Double {
        var total = 0.0
        var lower = 0.0
        for bracket in brackets {
            if lower > amount { continue }
            total += (min(bracket.upper, amount) - lower) * bracket.rate
            lower = bracket.upper
        }
        return total
    }

    /// Millicores reserved for `vCPUs` cores.
    public static func cpuMillis(vCPUs: Int64) -> Int64 {
        Int64(1000 * tax(Double(vCPUs), cpuBrackets))
    }

    /// Bytes reserved for `memoryGiB` (the un-truncated `MemoryGB` capability), whole MiB.
    public static func memoryBytes(memoryGiB: Double) -> Int64 {
        Int64(1024 * tax(memoryGiB, memoryBrackets)) * 1_048_576
    }

    /// `--eviction-hard=memory.available<750Mi`.
    public static let evictionThresholdMemoryBytes: Int64 = 750 * 1_048_576
}
