import Foundation
import KarpenterAPI
import NIOCore
import NIOHTTP1

/// A request as the router sees it.
struct StandInRequest {
    var method: String
    var path: String
    var query: [String: String]
    var headers: [String: String]
    var body: [UInt8]

    init(head: HTTPRequestHead, body: [UInt8]) {
        method = head.method.rawValue
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts.first ?? "")
        query = parts.count > 1 ? StandInRequest.parseForm(String(parts[1])) : [:]
        var headers: [String: String] = [:]
        for (name, value) in head.headers { headers[name.lowercased()] = value }
        self.headers = headers
        self.body = body
    }

    var json: JSONValue? { body.isEmpty ? nil : try? JSONBodyParser.parse(body) }
    var bodyText: String { String(decoding: body, as: UTF8.self) }
    var form: [String: String] { StandInRequest.parseForm(bodyText) }

    static func parseForm(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(String(pieces[0]))
            result[name] = pieces.count > 1 ? decode(String(pieces[1])) : ""
        }
        return result
    }

    private static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }
}

struct StandInResponse {
    var status: HTTPResponseStatus
    var headers: [(String, String)] = []
    var body: JSONValue?

    static func json(_ status: HTTPResponseStatus, _ body: JSONValue, headers: [(String, String)] = []) -> StandInResponse {
        StandInResponse(status: status, headers: headers, body: body)
    }

    /// ARM's error shape: `{"error":{"code","message"}}`.
    static func armError(_ status: HTTPResponseStatus, code: String, message: String) -> StandInResponse {
        .json(status, .object(["error": .object(["code": .string(code), "message": .string(message)])]))
    }

    /// Entra ID's OAuth error shape.
    static func oauthError(_ status: HTTPResponseStatus, error: String, description: String) -> StandInResponse {
        .json(status, .object(["error": .string(error), "error_description": .string(description)]))
    }
}

/// Collects one HTTP/1.1 request and answers it with the router's response.
final class StandInChannelHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let respond: @Sendable (StandInRequest) -> StandInResponse
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(respond: @escaping @Sendable (StandInRequest) -> StandInResponse) {
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
        case .body(var buffer):
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .end:
            guard let requestHead = head else { return }
            let response = respond(StandInRequest(head: requestHead, body: body))
            write(response, keepAlive: requestHead.isKeepAlive, context: context)
            head = nil
        }
    }

    private func write(_ response: StandInResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        let text = response.body.map { JSONWriter.string($0) } ?? ""
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        if response.body != nil { headers.add(name: "Content-Type", value: "application/json; charset=utf-8") }
        headers.add(name: "Content-Length", value: String(text.utf8.count))
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
