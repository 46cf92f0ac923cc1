/// A VM size name split the way the skewer library splits it (LABELS.md §1.1).
public struct VMSizeName: Sendable, Hashable {
    /// Group 1, e.g. `D`, `N`.
    public let family: String
    /// Groups 2+3, e.g. `S` in `DS2_v2`, `C` in `NC24ads_A100_v4`.
    public let subfamily: String
    public let cpus: String
    /// The number after `-` in constrained sizes (`M8-2ms` → `2`), else empty.
    public let constrainedCPUs: String
    /// Additive feature letters, e.g. `ads`.
    public let features: String
    /// Accelerator token, e.g. `A100`, `T4`; empty when none.
    public let accelerator: String
    /// Version text as written (`v4`, `V2`) or empty.
    public let version: String

    public var isConstrained: Bool { !constrainedCPUs.isEmpty }

    /// Family + subfamily + features, plus `_` + version when there is one: `Ds_v3`, `NCads_v4`.
    public var series: String {
        family + subfamily + features + (version.isEmpty ? "" : "_" + version)
    }

    /// The `sku-version` label: the version number, `1` when the name has none, nil when the
    /// text does not start with `v`/`V` (label DoesNotExist).
    public var versionLabel: String? {
        if version.isEmpty { return "1" }
        guard let first = version.first, first == "v" || first == "V" else { return nil }
        return String(version.dropFirst())
    }

    private nonisolated(unsafe) static let pattern = try! Regex(
        #"^([A-Z])([A-Z]?)([A-Z]?)([0-9]+)-?((?:[0-9]+)?)((?:[abcdeilmtspPr]+|C+|NP)?)_?(?:([A-Z][0-9]+)_?)?(_cc_)?(_[0-9]+_)?(_MI300X_)?(_H100_)?((?:[vV][1-9])?)?(_Promo)?$"#)

    /// Parses a size (`NC24ads_A100_v4`, not the `Standard_` name); nil when it does not match.
    public init?(size: String) {
        if size == "M416s_8_v2" {
            // The one size skewer special-cases.
            self.init(family: "M", subfamily: "", cpus: "416", constrainedCPUs: "", features: "s", accelerator: "", version: "v2")
            return
        }
        guard let match = try? Self.pattern.wholeMatch(in: size) else { return nil }
        func group(_ index: Int) -> String { match.output[index].substring.map(String.init) ?? "" }
        self.init(family: group(1), subfamily: group(2) + group(3), cpus: group(4), constrainedCPUs: group(5),
                  features: group(6), accelerator: group(7), version: group(12))
    }

    init(family: String, subfamily: String, cpus: String, constrainedCPUs: String, features: String,
         accelerator: String, version: String) {
        self.family = family
        self.subfamily = subfamily
        self.cpus = cpus
        self.constrainedCPUs = constrainedCPUs
        self.features = features
        self.accelerator = accelerator
        self.version = version
    }
}
