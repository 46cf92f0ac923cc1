/// SKUs never offered (INSTANCETYPES.md §1, upstream `skus.go`).
public enum RestrictedSKUs {
    /// Sizes AKS does not allow for node pools.
    public static let aks: Set<String> = [
        "Standard_A0", "Standard_A1", "Standard_A1_v2", "Standard_B1s", "Standard_B1ms",
        "Standard_F1", "Standard_F1s", "Basic_A0", "Basic_A1", "Basic_A2", "Basic_A3", "Basic_A4",
    ]
    /// Sizes Karpenter additionally excludes.
    public static let karpenter: Set<String> = ["Standard_E64i_v3", "Standard_E64is_v3"]

    public static func contains(_ name: String) -> Bool { aks.contains(name) || karpenter.contains(name) }
}
