/// One metric family in Prometheus text exposition format: counters, gauges and histograms
/// keyed by their label values.
struct MetricFamily: Sendable {
    enum Kind: String, Sendable { case counter, gauge, histogram }

    struct Histogram: Sendable {
        var bucketCounts: [UInt64]
        var count: UInt64 = 0
        var sum: Double = 0
    }

    let name: String
    let help: String
    let kind: Kind
    let labelNames: [String]
    let buckets: [Double]
    private(set) var values: [[String]: Double] = [:]
    private(set) var histograms: [[String]: Histogram] = [:]

    init(name: String, help: String, kind: Kind, labels: [String] = [], buckets: [Double] = []) {
        self.name = name
        self.help = help
        self.kind = kind
        self.labelNames = labels
        self.buckets = buckets
    }

    mutating func add(_ amount: Double, _ labels: [String]) {
        values[labels, default: 0] += amount
    }

    mutating func set(_ value: Double, _ labels: [String]) {
        values[labels] = value
    }

    mutating func observe(_ value: Double, _ labels: [String]) {
        var histogram = histograms[labels] ?? Histogram(bucketCounts: Array(repeating: 0, count: buckets.count))
        for (index, bound) in buckets.enumerated() where value <= bound {
            histogram.bucketCounts[index] += 1
        }
        histogram.count += 1
        histogram.sum += value
        histograms[labels] = histogram
    }

    func render(into text: inout String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(kind.rawValue)\n"
        switch kind {
        case .counter, .gauge:
            for labels in values.keys.sorted(by: Self.order) {
                text += "\(name)\(labelText(labels)) \(Self.number(values[labels]!))\n"
            }
        case .histogram:
            for labels in histograms.keys.sorted(by: Self.order) {
                let histogram = histograms[labels]!
                for (index, bound) in buckets.enumerated() {
                    text += "\(name)_bucket\(labelText(labels, extra: ("le", Self.number(bound)))) \(histogram.bucketCounts[index])\n"
                }
                text += "\(name)_bucket\(labelText(labels, extra: ("le", "+Inf"))) \(histogram.count)\n"
                text += "\(name)_sum\(labelText(labels)) \(Self.number(histogram.sum))\n"
                text += "\(name)_count\(labelText(labels)) \(histogram.count)\n"
            }
        }
    }

    private func labelText(_ values: [String], extra: (String, String)? = nil) -> String {
        var pairs = zip(labelNames, values).map { "\($0)=\"\(Self.escape($1))\"" }
        if let extra { pairs.append("\(extra.0)=\"\(extra.1)\"") }
        return pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}"
    }

    private static func order(_ lhs: [String], _ rhs: [String]) -> Bool {
        lhs.lexicographicallyPrecedes(rhs)
    }

    static func escape(_ value: String) -> String {
        var output = ""
        for character in value {
            switch character {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "\n": output += "\\n"
            default: output.append(character)
            }
        }
        return output
    }

    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
