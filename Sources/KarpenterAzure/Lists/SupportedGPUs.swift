/// GPU sizes Karpenter supports (upstream `supported-gpus.yaml`, generated into
/// `Generated/SupportedGPUList.swift`).
public struct SupportedGPUs: Sendable {
    public enum Vendor: String, Sendable, Hashable {
        case nvidia, amd
        /// The extended resource name the device plugin advertises.
        public var resourceName: String { self == .nvidia ? "nvidia.com/gpu" : "amd.com/gpu" }
    }

    public struct Entry: Sendable, Hashable {
        public let vendor: Vendor
        /// OS ids: `ubuntu`, `windows`, `azurelinux`, `azurelinux3`.
        public let operatingSystems: Set<String>
    }

    public let entries: [String: Entry]

    public init(entries: [String: Entry]) { self.entries = entries }

    /// The list shipped with upstream HEAD.
    public static let upstream = SupportedGPUs(text: supportedGPUListText)

    /// Parses `<size> <vendor> <os,os>` lines.
    init(text: String) {
        var entries: [String: Entry] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2, let vendor = Vendor(rawValue: String(parts[1])) else { continue }
            let systems = parts.count > 2 ? Set(parts[2].split(separator: ",").map(String.init)) : []
            entries[String(parts[0])] = Entry(vendor: vendor, operatingSystems: systems)
        }
        self.entries = entries
    }

    /// Lookup by SKU name, lower-cased with a `_promo` suffix stripped.
    public func entry(forSKU name: String) -> Entry? {
        var key = name.lowercased()
        if key.hasSuffix("_promo") { key.removeLast("_promo".count) }
        return entries[key] ?? entries[name.lowercased()]
    }
}
