/// api-versions of the SDKs upstream pins (CLOUD.md §3).
enum APIVersion {
    static let compute = "2025-04-01"
    static let network = "2022-07-01"
    static let resourceGraph = "2022-10-01"
}
