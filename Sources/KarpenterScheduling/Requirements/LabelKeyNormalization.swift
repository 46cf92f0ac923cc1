import KarpenterAPI

/// Deprecated and alias label keys that pod selectors may use, mapped to the key instance
/// types advertise (SCHEDULING.md §3.1, LABELS.md §5.2).
public enum LabelKeyNormalization {
    public static let azureDiskZoneKey = "topology.disk.csi.azure.com/zone"

    public static let aliases: [String: String] = WellKnownLabel.normalizedKeys

    public static func normalize(_ key: String) -> String { WellKnownLabel.normalize(key) }

    /// Azure Disk CSI reports regional (non-zonal) placement as the empty zone; Karpenter
    /// on AKS labels such nodes with zone "0", so the empty value is rewritten to "0".
    static func normalizeValue(_ value: String, originalKey: String) -> String {
        originalKey == azureDiskZoneKey && value.isEmpty ? "0" : value
    }
}
