/// Zone labels <-> ARM `zones` (LABELS.md §4): `"0"` is regional (no zones); `"eastus-2"` is `["2"]`.
enum AzureZones {
    static func armZones(forLabel zone: String) -> [String] {
        guard zone != "0", !zone.isEmpty, let number = zone.split(separator: "-").last else { return [] }
        return [String(number)]
    }

    static func label(location: String, zones: [String]) -> String {
        guard let zone = zones.first else { return "0" }
        return "\(location.lowercased())-\(zone)"
    }
}

/// `azure:///subscriptions/<sub>/resourceGroups/<rg lower>/providers/Microsoft.Compute/virtualMachines/<vm>`.
enum AzureProviderID {
    static func make(subscription: String, resourceGroup: String, vmName: String) -> String {
        "azure:///subscriptions/\(subscription)/resourceGroups/\(resourceGroup.lowercased())/providers/Microsoft.Compute/virtualMachines/\(vmName)"
    }

    /// The VM name, or nil when `providerID` is not an Azure VM's.
    static func vmName(_ providerID: String) -> String? {
        guard providerID.hasPrefix("azure:///subscriptions/"),
              let range = providerID.range(of: "/providers/Microsoft.Compute/virtualMachines/", options: .caseInsensitive) else { return nil }
        let name = providerID[range.upperBound...]
        guard !name.isEmpty, !name.contains("/") else { return nil }
        return String(name)
    }
}
