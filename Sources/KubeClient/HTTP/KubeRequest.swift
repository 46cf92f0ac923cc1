import Foundation

/// One HTTP exchange with the API server, before auth, rate limiting and retries are added.
struct KubeRequest: Sendable {
    var method: String
    var path: String
    var query: [(String, String)] = []
    var body: [UInt8]? = nil
    var contentType: String? = nil
    var accept = "application/json"
    /// Overrides the client's request timeout (watches use their own).
    var timeout: Duration? = nil
    /// Overrides the client's retry policy (evictions handle their own 429s).
    var retry: RetryPolicy? = nil

    var pathAndQuery: String {
        query.isEmpty ? path : path + "?" + PathEscaping.query(query)
    }
}

struct KubeResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}
