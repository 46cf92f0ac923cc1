import Foundation

/// CPU and memory amounts as the `get` tables print them: `4`, `1850m`, `16Gi`, `12.5Gi`, `512Mi`.
enum ResourceAmounts {
    static func cpu(_ millis: Int64) -> String {
        millis % 1000 == 0 ? String(millis / 1000) : "\(millis)m"
    }

    /// Several CPU amounts in one unit, so `1000m/3860m` never reads as `1/3860m`.
    static func cpu(_ amounts: [Int64]) -> [String] {
        amounts.allSatisfy { $0 % 1000 == 0 } ? amounts.map { String($0 / 1000) } : amounts.map { "\($0)m" }
    }

    /// `used/total (47%)` in CPU.
    static func cpuUsage(_ used: Int64, of total: Int64) -> String {
        let texts = cpu([used, total])
        return usage(texts[0], texts[1], ratio: used, of: total)
    }

    static func memory(_ bytes: Int64) -> String {
        let gibibyte: Int64 = 1 << 30
        if bytes == 0 { return "0" }
        if bytes % gibibyte == 0 { return "\(bytes / gibibyte)Gi" }
        if bytes >= gibibyte {
            let tenths = (Double(bytes) / Double(gibibyte) * 10).rounded()
            return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int64(tenths / 10))Gi" : String(format: "%.1fGi", tenths / 10)
        }
        return "\(bytes >> 20)Mi"
    }

    /// `used/total (47%)`, as `kubectl describe node` truncates the percentage.
    static func usage(_ used: String, _ total: String, ratio used64: Int64, of total64: Int64) -> String {
        guard total64 > 0 else { return "\(used)/\(total)" }
        return "\(used)/\(total) (\(used64 * 100 / total64)%)"
    }
}
