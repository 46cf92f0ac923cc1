import Foundation
import KarpenterAPI
import NIOHTTP1

/// A request as the handlers see it.
struct APIRequest: Sendable {
    var method: String
    var path: String
    var rawQuery: String
    var query: QueryParameters
    var headers: HTTPHeaders
    var body: [UInt8]
    /// The CN of a verified client certificate, if the client presented one.
    var certificateUser: String?

    init(head: HTTPRequestHead, body: [UInt8], certificateUser: String?) {
        method = head.method.rawValue
        let uri = head.uri
        if let mark = uri.firstIndex(of: "?") {
            path = String(uri[..<mark])
            rawQuery = String(uri[uri.index(after: mark)...])
        } else {
            path = uri
            rawQuery = ""
        }
        query = QueryParameters(rawQuery)
        headers = head.headers
        self.body = body
        self.certificateUser = certificateUser
    }

    /// The media type of the body, without parameters (`application/json`).
    var contentType: String {
        let raw = headers.first(name: "content-type") ?? ""
        return raw.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }
}

/// A complete answer.
struct HTTPReply: Sendable {
    var status: Int
    var body: [UInt8]
    var contentType = "application/json"
    var headers: [(String, String)] = []

    static func json(_ status: Int, _ value: JSONValue, warnings: [String] = []) -> HTTPReply {
        var reply = HTTPReply(status: status, body: Array((JSONWriter.string(value) + "\n").utf8))
        reply.headers = warnings.map { ("Warning", "299 - " + JSONWriter.string(.string($0))) }
        return reply
    }

    static func text(_ status: Int, _ text: String) -> HTTPReply {
        HTTPReply(status: status, body: Array(text.utf8), contentType: "text/plain; charset=utf-8")
    }

    static func failure(_ error: APIError) -> HTTPReply {
        var reply = json(error.code, error.status)
        if let seconds = error.retryAfterSeconds, seconds > 0 { reply.headers.append(("Retry-After", String(seconds))) }
        return reply
    }

    static func success(code: Int) -> HTTPReply {
        json(code, .object([
            "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]),
            "status": .string("Success"), "code": .int(Int64(code)),
        ]))
    }
}

/// A watch to stream on the connection.
struct WatchPlan: Sendable {
    var type: ResourceType
    var namespace: String?
    var options: WatchOptions
    var timeout: Duration?
    var bookmarks: Bool
}

/// What the server does with a request.
enum RequestOutcome: Sendable {
    case reply(HTTPReply)
    case watch(WatchPlan)
}
