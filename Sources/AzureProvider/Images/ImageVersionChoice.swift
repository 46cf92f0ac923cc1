import Foundation
import KarpenterAPI
import KarpenterAzure

/// Which gallery version a definition resolves to (CLOUD.md §8), from ARM list answers.
enum ImageVersionChoice {
    /// Community gallery: the version (`name`) with the latest `properties.publishedDate`; a
    /// version without a readable date loses to any dated one; equal dates go to the newer version.
    static func latestPublished(_ versions: [JSONValue]) -> String? {
        var best: (name: String, published: Date)?
        for version in versions {
            guard let name = version["name"]?.stringValue, !name.isEmpty else { continue }
            let published = version["properties"]?["publishedDate"]?.stringValue.flatMap(publishedDate) ?? .distantPast
            if let current = best {
                if published > current.published || (published == current.published && NodeImageFamilies.isNewer(name, than: current.name)) {
                    best = (name, published)
                }
            } else {
                best = (name, published)
            }
        }
        return best?.name
    }

    /// AKS nodeImageVersions: the numerically greatest `version` per `os`/`sku`, keeping only
    /// the AKS Ubuntu and Azure Linux galleries. Keys are `"<os>/<sku>"`.
    static func latestNodeImageVersions(_ entries: [JSONValue]) -> [String: String] {
        let galleries: Set<String> = [NodeImageGallery.ubuntu.name, NodeImageGallery.azureLinux.name]
        var latest: [String: String] = [:]
        for entry in entries {
            guard let os = entry["os"]?.stringValue, galleries.contains(os),
                  let sku = entry["sku"]?.stringValue, let version = entry["version"]?.stringValue, !version.isEmpty else { continue }
            let key = "\(os)/\(sku)"
            if let current = latest[key], !NodeImageFamilies.isNewer(version, than: current) { continue }
            latest[key] = version
        }
        return latest
    }

    /// RFC 3339 with any number of fractional digits (ARM writes up to seven).
    static func publishedDate(_ text: String) -> Date? {
        var normalized = text
        if let dot = text.firstIndex(of: "."), let tee = text.firstIndex(of: "T"), dot > tee {
            let digits = text[text.index(after: dot)...].prefix { $0.isNumber }
            let rest = text[digits.endIndex...]
            let millis = String((digits + "000").prefix(3))
            normalized = String(text[..<dot]) + "." + millis + rest
        }
        return VirtualMachineReading.parseTime(normalized)
    }
}
