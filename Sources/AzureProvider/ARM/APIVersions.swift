/// api-versions of the SDKs upstream pins (CLOUD.md §3).
enum APIVersion {
    static let compute = "2025-04-01"
    static let network = "2022-07-01"
    static let resourceGraph = "2022-10-01"
    /// Community gallery image versions (`communityGalleries/{public}/images/{definition}/versions`).
    static let communityGallery = "2024-03-03"
    /// AKS `nodeImageVersions` (armcontainerservice v9 line, whose list operation is generated from this version).
    static let containerService = "2025-08-02-preview"
}
