import KarpenterAPI
import NIOCore
import NIOHTTP1
import NIOSSL

/// Serves one HTTP/1.1 connection: reads each request (bounded in size and time), answers it
/// through `RESTHandler`, and streams watches as chunked JSON lines. Keep-alive between
/// requests; `HTTPServerPipelineHandler` in front holds pipelined requests back until the
/// current answer (watch streams included) is complete.
final class APIConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    struct Shared: Sendable {
        let rest: RESTHandler
        let store: ObjectStore
        let registry: ConnectionRegistry
        let maxBodyBytes: Int
        let readTimeout: TimeAmount
        let bookmarkInterval: TimeAmount
    }

    enum Phase {
        case idle
        case reading(HTTPRequestHead, [UInt8])
        /// The request was refused before its end (too large, too slow); drop the rest.
        case discarding
        case responding
        case streaming(WatchSession)
    }

    /// An open watch on this connection.
    struct WatchSession {
        var token: Int
        var watcherID: Int?
        var keepAlive: Bool
        var bookmarks: RepeatedTask?
        var timeout: Scheduled<Void>?
    }

    let shared: Shared
    var phase = Phase.idle
    private(set) var context: ChannelHandlerContext?
    private var readDeadline: Scheduled<Void>?
    var nextWatchToken = 0
    private(set) var closeWhenIdle = false
    private var refusalWritten = false
    private var discardedRequestEnded = false
    private var certificateUser: String??

    init(_ shared: Shared) {
        self.shared = shared
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        shared.registry.add(context.channel, handler: NIOLoopBound(self, eventLoop: context.eventLoop))
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        endSession()
        self.context = nil
        shared.registry.remove(context.channel)
    }

    func channelInactive(context: ChannelHandlerContext) {
        endSession()
        readDeadline?.cancel()
        shared.registry.remove(context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard case .idle = phase else { return }
            if let declared = head.headers.first(name: "content-length").flatMap(Int.init), declared > shared.maxBodyBytes {
                refuse(context, .failure(Self.tooLarge(shared.maxBodyBytes)))
                return
            }
            phase = .reading(head, [])
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            readDeadline = context.eventLoop.scheduleTask(in: shared.readTimeout) {
                bound.value.readTimedOut()
            }
        case .body(var buffer):
            guard case .reading(let head, var body) = phase else { return }
            if body.count + buffer.readableBytes > shared.maxBodyBytes {
                refuse(context, .failure(Self.tooLarge(shared.maxBodyBytes)))
                return
            }
            phase = .responding
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
            phase = .reading(head, body)
        case .end:
            readDeadline?.cancel()
            switch phase {
            case .reading(let head, let body):
                phase = .responding
                answer(context, head: head, body: body)
            case .discarding:
                // Close once the refusal is on the wire, so the client reads it instead of a reset.
                discardedRequestEnded = true
                if refusalWritten { close(context) }
            default:
                break
            }
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is \(limit)")
    }

    /// Answers before the request is complete (too large, too slow); the rest is read and dropped.
    private func refuse(_ context: ChannelHandlerContext, _ reply: HTTPReply) {
        readDeadline?.cancel()
        phase = .discarding
        write(context, reply, keepAlive: false)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        readDeadline = context.eventLoop.scheduleTask(in: .seconds(5)) {
            if let context = bound.value.context { bound.value.close(context) }
        }
    }

    private func readTimedOut() {
        guard let context, case .reading = phase else { return }
        refuse(context, .failure(APIError(code: 408, reason: "Timeout", message: "the request was not received in time")))
    }

    private func answer(_ context: ChannelHandlerContext, head: HTTPRequestHead, body: [UInt8]) {
        let request = APIRequest(head: head, body: body, certificateUser: peerUser(context))
        switch shared.rest.handle(request) {
        case .reply(let reply):
            write(context, reply, keepAlive: head.isKeepAlive)
        case .watch(let plan):
            startWatch(context, plan: plan, keepAlive: head.isKeepAlive)
        }
    }

    /// The CN of the client's verified certificate, looked up once per connection.
    private func peerUser(_ context: ChannelHandlerContext) -> String? {
        if let cached = certificateUser { return cached }
        let certificate = try? context.pipeline.syncOperations.nioSSL_peerCertificate()
        let user = certificate.flatMap(ClientCertificateIdentity.user)
        certificateUser = .some(user)
        return user
    }

    func write(_ context: ChannelHandlerContext, _ reply: HTTPReply, keepAlive: Bool) {
        let keep = keepAlive && !closeWhenIdle
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: reply.contentType)
        headers.add(name: "Content-Length", value: String(reply.body.count))
        headers.add(name: "Cache-Control", value: "no-cache, private")
        headers.add(name: "Connection", value: keep ? "keep-alive" : "close")
        for (name, value) in reply.headers { headers.add(name: name, value: value) }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: reply.body.count)
        buffer.writeBytes(reply.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in
            bound.value.responseWritten(keepAlive: keep)
        }
    }

    /// After an answer is on the wire: wait for the next request, or close.
    func responseWritten(keepAlive: Bool) {
        guard let context else { return }
        if case .discarding = phase {
            refusalWritten = true
            if discardedRequestEnded { close(context) }
            return
        }
        if keepAlive && !closeWhenIdle {
            if case .responding = phase { phase = .idle }
        } else {
            close(context)
        }
    }

    // MARK: Shutdown

    /// Server shutdown: close now when idle, otherwise after the current answer.
    func closeWhenDone() {
        closeWhenIdle = true
        guard let context else { return }
        if case .idle = phase { close(context) }
    }

    func close(_ context: ChannelHandlerContext) {
        context.close(promise: nil)
    }
}
