import KarpenterAPI
import NIOHTTP1

/// A complete response: status, content type and body.
struct HTTPReply: Sendable {
    var status: HTTPResponseStatus
    var contentType: String
    var body: [UInt8]

    static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok) -> HTTPReply {
        HTTPReply(status: status, contentType: "application/json", body: Array(JSONWriter.string(value).utf8))
    }

    static func text(_ text: String, status: HTTPResponseStatus = .ok, contentType: String = "text/plain; charset=utf-8") -> HTTPReply {
        HTTPReply(status: status, contentType: contentType, body: Array(text.utf8))
    }

    /// A Kubernetes `Status` object, as the API server itself answers errors.
    static func status(_ code: Int, reason: String, message: String) -> HTTPReply {
        let value: JSONValue = .object([
            "kind": .string("Status"), "apiVersion": .string("v1"), "status": .string("Failure"),
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ])
        return json(value, status: HTTPResponseStatus(statusCode: code))
    }
}
