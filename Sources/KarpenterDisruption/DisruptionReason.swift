/// Why Karpenter disrupts a node; the `reasons` of a NodePool disruption budget (DISRUPTION.md §4).
public enum DisruptionReason: String, Sendable, Hashable, CaseIterable, Codable {
    case empty = "Empty"
    case underutilized = "Underutilized"
    case drifted = "Drifted"
}
