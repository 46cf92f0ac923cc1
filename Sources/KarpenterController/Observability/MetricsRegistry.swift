import NIOConcurrencyHelpers

/// Counters, gauges and histograms rendered in the Prometheus text format. Thread-safe.
public final class MetricsRegistry: Sendable {
    enum Kind: String, Sendable { case counter, gauge, histogram }

    struct Family: Sendable {
        let name: String
        let help: String
        let kind: Kind
        let labelNames: [String]
        let buckets: [Double]
        var values: [[String]: Double] = [:]
        var histograms: [[String]: Histogram] = [:]
    }

    struct Histogram: Sendable {
        var bucketCounts: [UInt64]
        var count: UInt64 = 0
        var sum: Double = 0
    }

    private let families = NIOLockedValueBox<[String: Family]>([:])

    public init() {}

    func register(_ name: String, _ kind: Kind, help: String, labels: [String] = [], buckets: [Double] = []) {
        families.withLockedValue { families in
            if families[name] == nil {
                families[name] = Family(name: name, help: help, kind: kind, labelNames: labels, buckets: buckets)
            }
        }
    }

    func add(_ name: String, _ amount: Double = 1, labels: [String] = []) {
        families.withLockedValue { $0[name]?.values[labels, default: 0] += amount }
    }

    func set(_ name: String, _ value: Double, labels: [String] = []) {
        families.withLockedValue { $0[name]?.values[labels] = value }
    }

    func observe(_ name: String, _ value: Double, labels: [String] = []) {
        families.withLockedValue { families in
            guard var family = families[name] else { return }
            var histogram = family.histograms[labels] ?? Histogram(bucketCounts: Array(repeating: 0, count: family.buckets.count))
            for (index, bound) in family.buckets.enumerated() where value <= bound { histogram.bucketCounts[index] += 1 }
            histogram.count += 1
            histogram.sum += value
            family.histograms[labels] = histogram
            families[name] = family
        }
    }

    /// The exposition text, families by name.
    public func render() -> String {
        let snapshot = families.withLockedValue { $0 }
        var text = ""
        for name in snapshot.keys.sorted() {
            guard let family = snapshot[name] else { continue }
            text += "# HELP \(name) \(family.help)\n# TYPE \(name) \(family.kind.rawValue)\n"
            switch family.kind {
            case .counter, .gauge:
                for labels in family.values.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    text += "\(name)\(Self.labelText(family.labelNames, labels)) \(Self.number(family.values[labels] ?? 0))\n"
                }
            case .histogram:
                for labels in family.histograms.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    guard let histogram = family.histograms[labels] else { continue }
                    for (index, bound) in family.buckets.enumerated() {
                        text += "\(name)_bucket\(Self.labelText(family.labelNames, labels, extra: ("le", Self.number(bound)))) \(histogram.bucketCounts[index])\n"
                    }
                    text += "\(name)_bucket\(Self.labelText(family.labelNames, labels, extra: ("le", "+Inf"))) \(histogram.count)\n"
                    text += "\(name)_sum\(Self.labelText(family.labelNames, labels)) \(Self.number(histogram.sum))\n"
                    text += "\(name)_count\(Self.labelText(family.labelNames, labels)) \(histogram.count)\n"
                }
            }
        }
        return text
    }

    private static func labelText(_ names: [String], _ values: [String], extra: (String, String)? = nil) -> String {
        var pairs = zip(names, values).map { "\($0)=\"\(escape($1))\"" }
        if let extra { pairs.append("\(extra.0)=\"\(extra.1)\"") }
        return pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}"
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
