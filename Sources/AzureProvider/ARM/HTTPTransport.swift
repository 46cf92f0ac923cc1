import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange's result.
struct HTTPResult: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Sends HTTP requests with a per-request timeout (AsyncHTTPClient's shared client).
struct HTTPTransport: Sendable {
    var timeout: Duration
    static let maxBodyBytes = 16 << 20

    func send(method: HTTPMethod, url: String, headers: [(String, String)], body: [UInt8]?) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let deadline = TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000
            + timeout.components.attoseconds / 1_000_000_000)
        let response = try await HTTPClient.shared.execute(request, timeout: deadline)
        let buffer = try await response.body.collect(upTo: Self.maxBodyBytes)
        return HTTPResult(status: Int(response.status.code), headers: response.headers, body: Array(buffer.readableBytesView))
    }
}
