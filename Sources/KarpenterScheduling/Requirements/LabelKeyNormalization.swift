/// Deprecated and alias label keys that pod selectors may use, mapped to the key instance
/// types advertise (SCHEDULING.md §3.1, LABELS.md §5.2).
public enum LabelKeyNormalization {
    public static let azureDiskZoneKey = "topology.disk.csi.azure.com/zone"

    public static let aliases: [String: String] = [
        "failure-domain.beta.kubernetes.io/zone": SchedulingLabel.zone,
        "failure-domain.beta.kubernetes.io/region": SchedulingLabel.region,
        "beta.kubernetes.io/arch": SchedulingLabel.arch,
        "beta.kubernetes.io/os": SchedulingLabel.os,
        "beta.kubernetes.io/instance-type": SchedulingLabel.instanceType,
        azureDiskZoneKey: SchedulingLabel.zone,
    ]

    public static func normalize(_ key: String) -> String { aliases[key] ?? key }

    /// Azure Disk CSI reports regional (non-zonal) placement as the empty zone; Karpenter
    /// on AKS labels such nodes with zone "0", so the empty value is rewritten to "0".
    static func normalizeValue(_ value: String, originalKey: String) -> String {
        originalKey == azureDiskZoneKey && value.isEmpty ? "0" : value
    }
}
