import ArgumentParser

/// `--feature-gates` / `FEATURE_GATES`: `Name=true,Other=false` as the chart writes it.
struct FeatureGates: Sendable, Equatable {
    static let known: Set<String> = ["ReservedCapacity", "SpotToSpotConsolidation", "NodeRepair", "NodeOverlay", "StaticCapacity"]

    var enabled: Set<String> = []

    static func parse(_ text: String) throws -> FeatureGates {
        var gates = FeatureGates()
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Bool(parts[1].lowercased()) else {
                throw ValidationError("--feature-gates entry '\(entry)' is not Name=true or Name=false")
            }
            guard known.contains(parts[0]) else {
                throw ValidationError("--feature-gates: unknown gate '\(parts[0])'; known: \(known.sorted().joined(separator: ", "))")
            }
            if value { gates.enabled.insert(parts[0]) } else { gates.enabled.remove(parts[0]) }
        }
        return gates
    }

    func isEnabled(_ name: String) -> Bool { enabled.contains(name) }
}
