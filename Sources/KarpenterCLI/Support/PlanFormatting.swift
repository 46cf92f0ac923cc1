import Foundation
import KarpenterScheduling

/// Numbers as the plan reports print them.
enum PlanFormatting {
    static func price(_ value: Double) -> String { String(format: "$%.4f", value) }

    /// Millicores as cores: `2`, `1.5`, `0.25`.
    static func cores(_ millis: Int64) -> String {
        millis % 1000 == 0 ? String(millis / 1000) : String(format: "%.2f", Double(millis) / 1000)
            .replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    static func gibibytes(_ bytes: Int64) -> String {
        String(format: "%.1fGi", Double(bytes) / 1_073_741_824)
    }

    /// Azure's regional placement is zone "0"; say so.
    static func zone(_ zone: String) -> String { zone == "0" ? "0 (regional)" : zone }

    static func percent(_ ratio: Double?) -> String {
        ratio.map { String(format: "%.0f%%", $0 * 100) } ?? "-"
    }

    /// `cpu 2, memory 4.0Gi, pods 1` plus any extended resources.
    static func resources(_ vector: ResourceVector) -> String {
        var parts: [String] = []
        for (name, amount) in vector.nonZeroEntries {
            switch name {
            case ResourceVector.cpu: parts.append("cpu \(cores(amount))")
            case ResourceVector.memory, ResourceVector.ephemeralStorage: parts.append("\(name) \(gibibytes(amount))")
            default: parts.append("\(name) \(amount)")
            }
        }
        return parts.joined(separator: ", ")
    }

    /// `a, b, c and 12 more`.
    static func list(_ items: [String], first: Int) -> String {
        items.count <= first ? items.joined(separator: ", ")
            : items.prefix(first).joined(separator: ", ") + " and \(items.count - first) more"
    }

    /// Resource amounts as Kubernetes quantities, for JSON.
    static func quantities(_ vector: ResourceVector) -> [String: String] {
        var result: [String: String] = [:]
        for (name, quantity) in vector.quantities where vector[name] != 0 { result[name] = quantity.description }
        return result
    }
}
