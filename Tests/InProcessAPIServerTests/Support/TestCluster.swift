import AsyncHTTPClient
import Foundation
import InProcessAPIServer
import KarpenterAPI
import NIOCore
import NIOHTTP1
import NIOSSL

/// A server on loopback and an HTTP client talking to it, with JSON helpers.
final class TestCluster: Sendable {
    let server: InProcessAPIServer
    let client: HTTPClient
    let token: String?

    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: JSONValue

        var message: String { body["message"]?.stringValue ?? "" }
        var reason: String { body["reason"]?.stringValue ?? "" }
        subscript(_ path: String...) -> JSONValue? {
            var current: JSONValue? = body
            for key in path { current = current?[key] }
            return current
        }
    }

    private init(server: InProcessAPIServer, client: HTTPClient, token: String?) {
        self.server = server
        self.client = client
        self.token = token
    }

    /// A plain-HTTP server with anonymous access.
    static func start(_ configuration: InProcessAPIServer.Configuration = .init(), token: String? = nil) async throws -> TestCluster {
        let server = try await InProcessAPIServer.start(configuration)
        return TestCluster(server: server, client: HTTPClient(eventLoopGroupProvider: .singleton), token: token)
    }

    /// A client for a server started elsewhere (stopping the cluster stops the server too).
    static func attach(to server: InProcessAPIServer) -> TestCluster {
        TestCluster(server: server, client: HTTPClient(eventLoopGroupProvider: .singleton), token: nil)
    }

    /// An HTTPS server (client CA = the certificates' CA) and a client trusting it, optionally
    /// presenting a client certificate.
    static func startTLS(certificates: ServerCertificates, clientCertificate: (certificatePEM: String, keyPEM: String)? = nil,
                         authentication: InProcessAPIServer.Authentication = .init(), token: String? = nil) async throws -> TestCluster {
        let server = try await InProcessAPIServer.start(.init(tls: .init(certificates), authentication: authentication))
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(certificates.caPEM.utf8)))
        if let clientCertificate {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(clientCertificate.certificatePEM.utf8)).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(clientCertificate.keyPEM.utf8), format: .pem))
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        return TestCluster(server: server, client: client, token: token)
    }

    func stop() async throws {
        try await client.shutdown()
        try await server.shutdown()
    }

    var store: ObjectStore { server.store }

    func makeRequest(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, rawBody: [UInt8]? = nil,
                     contentType: String = "application/json", headers: [(String, String)] = []) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: server.baseURL.absoluteString + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let bytes = rawBody ?? body.map({ Array(JSONWriter.string($0).utf8) }) {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: bytes))
        }
        return request
    }

    func send(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, rawBody: [UInt8]? = nil,
              contentType: String = "application/json", headers: [(String, String)] = []) async throws -> Response {
        let request = makeRequest(method, path, body: body, rawBody: rawBody, contentType: contentType, headers: headers)
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let data = Array(bytes.readableBytesView)
        let json = (try? JSONBodyParser.parse(data)) ?? .string(String(decoding: data, as: UTF8.self))
        return Response(status: Int(response.status.code), headers: response.headers, body: json)
    }

    func get(_ path: String) async throws -> Response { try await send(.GET, path) }
    func post(_ path: String, _ body: JSONValue) async throws -> Response { try await send(.POST, path, body: body) }
    func put(_ path: String, _ body: JSONValue) async throws -> Response { try await send(.PUT, path, body: body) }
    func delete(_ path: String, _ body: JSONValue? = nil) async throws -> Response { try await send(.DELETE, path, body: body) }
    func patch(_ path: String, _ body: JSONValue, type: String = "application/merge-patch+json") async throws -> Response {
        try await send(.PATCH, path, body: body, contentType: type)
    }

    /// Opens a watch; events are collected in the background.
    func watch(_ path: String) async throws -> WatchStream {
        let response = try await client.execute(makeRequest(.GET, path), timeout: .seconds(120))
        return WatchStream(response: response)
    }
}

struct UnexpectedResponse: Error, CustomStringConvertible {
    let description: String
}

extension TestCluster.Response {
    /// Fails with the body when the status is not the expected one.
    @discardableResult
    func expect(_ status: Int) throws -> TestCluster.Response {
        guard self.status == status else {
            throw UnexpectedResponse(description: "expected \(status), got \(self.status): \(JSONWriter.string(body))")
        }
        return self
    }
}
