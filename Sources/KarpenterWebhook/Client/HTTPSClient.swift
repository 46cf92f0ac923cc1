import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOTLS

/// A small HTTP/1.1-over-TLS client with keep-alive, for the benchmark and the end-to-end
/// tests: one connection, requests answered in order.
public final class HTTPSClient: Sendable {
    public struct Response: Sendable {
        public let status: Int
        public let headers: [(String, String)]
        public let body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    public struct TLSOptions: Sendable {
        public var caCertificatePEM: String
        /// The name checked against the certificate and sent as SNI.
        public var serverName: String
        public var minimumVersion: TLSVersion = .tlsv12
        public var maximumVersion: TLSVersion? = nil

        public init(caCertificatePEM: String, serverName: String) {
            self.caCertificatePEM = caCertificatePEM
            self.serverName = serverName
        }
    }

    public struct ConnectionClosed: Error, CustomStringConvertible {
        public var description: String { "the connection closed before the response arrived" }
    }

    private let channel: any Channel

    private init(channel: any Channel) { self.channel = channel }

    /// Connects and completes the TLS handshake (a refused handshake fails the future).
    /// With `tls` nil it speaks plain HTTP (probes and metrics).
    public static func connect(host: String, port: Int, tls options: TLSOptions?,
                               on group: any EventLoopGroup) -> EventLoopFuture<HTTPSClient> {
        let eventLoop = group.next()
        var context: NIOSSLContext?
        if let options {
            do {
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(options.caCertificatePEM.utf8)))
                tls.minimumTLSVersion = options.minimumVersion
                tls.maximumTLSVersion = options.maximumVersion
                tls.applicationProtocols = ["http/1.1"]
                context = try NIOSSLContext(configuration: tls)
            } catch {
                return eventLoop.makeFailedFuture(error)
            }
        }
        let handshake = eventLoop.makePromise(of: Void.self)
        let sslContext = context
        return ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext, let options {
                        let ssl = try NIOSSLClientHandler(context: sslContext, serverHostname: options.serverName)
                        try channel.pipeline.syncOperations.addHandler(ssl)
                        try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(handshake))
                    } else {
                        handshake.succeed()
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseCollector())
                }
            }
            .connect(host: host, port: port)
            .flatMap { channel in
                handshake.futureResult.map { HTTPSClient(channel: channel) }
                    .flatMapErrorThrowing { error in
                        channel.close(promise: nil)
                        throw error
                    }
            }
            .flatMapErrorThrowing { error in
                handshake.fail(error)
                throw error
            }
    }

    public var eventLoop: any EventLoop { channel.eventLoop }
    public var isActive: Bool { channel.isActive }

    public func post(_ path: String, body: [UInt8], contentType: String = "application/json",
                     extraHeaders: [(String, String)] = []) -> EventLoopFuture<Response> {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "webhook")
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.count))
        for (name, value) in extraHeaders { headers.replaceOrAdd(name: name, value: value) }
        return send(HTTPRequestHead(version: .http1_1, method: .POST, uri: path, headers: headers), body: body)
    }

    public func get(_ path: String) -> EventLoopFuture<Response> {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "webhook")
        return send(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers), body: [])
    }

    public func send(_ head: HTTPRequestHead, body: [UInt8]) -> EventLoopFuture<Response> {
        send(head, body: body, complete: true)
    }

    /// Sends the head and part of a body without finishing the request (to test read timeouts).
    public func sendPartial(_ head: HTTPRequestHead, body: [UInt8]) -> EventLoopFuture<Response> {
        send(head, body: body, complete: false)
    }

    private func send(_ head: HTTPRequestHead, body: [UInt8], complete: Bool) -> EventLoopFuture<Response> {
        let promise = channel.eventLoop.makePromise(of: Response.self)
        channel.writeAndFlush(ClientRequest(head: head, body: body, complete: complete, promise: promise)).whenFailure { error in
            promise.fail(error)
        }
        return promise.futureResult
    }

    public func close() -> EventLoopFuture<Void> {
        channel.close().recover { _ in }
    }
}

struct ClientRequest: Sendable {
    let head: HTTPRequestHead
    let body: [UInt8]
    var complete = true
    let promise: EventLoopPromise<HTTPSClient.Response>
}

/// Completes the promise when the TLS handshake finishes, or fails it with the TLS error.
private final class HandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let promise: EventLoopPromise<Void>

    init(_ promise: EventLoopPromise<Void>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { promise.succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(HTTPSClient.ConnectionClosed())
        context.fireChannelInactive()
    }
}

/// Writes requests and pairs each response with its request's promise, in order.
private final class ResponseCollector: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = ClientRequest
    typealias OutboundOut = HTTPClientRequestPart

    private var pending: [EventLoopPromise<HTTPSClient.Response>] = []
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        pending.append(request.promise)
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if !request.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: request.body.count)
            buffer.writeBytes(request.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        if request.complete {
            context.write(wrapOutboundOut(.end(nil)), promise: promise)
        } else {
            context.flush()
            promise?.succeed()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            head = responseHead
            body = []
        case .body(var buffer):
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .end:
            guard let responseHead = head, !pending.isEmpty else { return }
            let promise = pending.removeFirst()
            let response = HTTPSClient.Response(status: Int(responseHead.status.code),
                                                headers: responseHead.headers.map { ($0.name, $0.value) }, body: body)
            head = nil
            body = []
            promise.succeed(response)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(HTTPSClient.ConnectionClosed())
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: any Error) {
        let waiting = pending
        pending = []
        waiting.forEach { $0.fail(error) }
    }
}
