import Logging
import NIOCore
import NIOHTTP1

/// Serves one HTTP/1.1 connection: collects each request body up to the size cap, answers
/// through `Routes`, keeps the connection alive between requests, and enforces the idle and
/// read deadlines. On drain it answers what it has with `Connection: close` and closes.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    struct Context: Sendable {
        let listener: Routes.Listener
        let routes: Routes
        let configuration: WebhookConfiguration
        let state: ServerState
        let registry: ConnectionRegistry?
        let metrics: WebhookMetrics
        let logger: Logger
    }

    private enum Phase {
        case idle
        case reading(HTTPRequestHead, [UInt8])
        /// Body too large, or the read deadline passed: the rest of the request is discarded.
        case discarding
        case responding
    }

    private let shared: Context
    private var phase = Phase.idle
    private var draining = false
    private var closing = false
    private var errorAnswerWritten = false
    private var discardedRequestEnded = false
    private var deadline: Scheduled<Void>?

    init(_ shared: Context) { self.shared = shared }

    func handlerAdded(context: ChannelHandlerContext) {
        storedContext = context
        shared.registry?.add(self, on: context.eventLoop)
        if context.channel.isActive { armIdleDeadline(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        armIdleDeadline(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        storedContext = nil
        deadline?.cancel()
        shared.registry?.remove(self)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        shared.registry?.remove(self)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard case .idle = phase else { return }
            if let declared = head.headers.first(name: "content-length").flatMap(Int.init), declared > shared.configuration.maxRequestBytes {
                phase = .discarding
                respondTooLarge(context, head: head, size: "\(declared) bytes")
                return
            }
            phase = .reading(head, [])
            arm(context, after: shared.configuration.readTimeout) { handler, context in handler.readDeadlinePassed(context) }
        case .body(var buffer):
            guard case .reading(let head, var body) = phase else { return }
            if body.count + buffer.readableBytes > shared.configuration.maxRequestBytes {
                phase = .discarding
                respondTooLarge(context, head: head, size: "more than \(shared.configuration.maxRequestBytes) bytes")
                return
            }
            phase = .responding // release the array's storage while appending
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
            phase = .reading(head, body)
        case .end:
            switch phase {
            case .reading(let head, let body):
                deadline?.cancel()
                phase = .responding
                if shared.listener == .webhook { shared.state.countAccepted() }
                shared.metrics.adjustInFlight(1)
                let reply = shared.routes.reply(listener: shared.listener, method: head.method, uri: head.uri, body: body)
                shared.metrics.adjustInFlight(-1)
                respond(context, reply, keepAlive: head.isKeepAlive, countAnswer: shared.listener == .webhook)
            case .discarding:
                // The request is now fully read; close once the 413/408 is on the wire.
                discardedRequestEnded = true
                if errorAnswerWritten { close(context) }
            case .idle, .responding:
                break
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.logger.debug("connection error", metadata: ["error": "\(error)", "remote": "\(context.remoteAddress.map { "\($0)" } ?? "?")"])
        close(context)
    }

    /// Called on SIGTERM: idle connections get a short grace for a last request; busy ones
    /// close after their response.
    func beginDrain() {
        draining = true
        guard let context = storedContext else { return }
        if case .idle = phase {
            arm(context, after: shared.configuration.drainIdleGrace) { handler, context in handler.close(context) }
        }
    }

    private var storedContext: ChannelHandlerContext?

    func channelRegistered(context: ChannelHandlerContext) {
        storedContext = context
        context.fireChannelRegistered()
    }

    func channelUnregistered(context: ChannelHandlerContext) {
        storedContext = nil
        context.fireChannelUnregistered()
    }

    /// Answers 413 at once, then reads and drops the rest of the body (bounded by the read
    /// deadline) so the client sees the answer instead of a reset connection.
    private func respondTooLarge(_ context: ChannelHandlerContext, head: HTTPRequestHead, size: String) {
        let message = "request body of \(size) exceeds the webhook's limit of \(shared.configuration.maxRequestBytes) bytes"
        shared.logger.info("request too large", metadata: ["uri": "\(head.uri)", "limit": "\(shared.configuration.maxRequestBytes)"])
        respond(context, .status(413, reason: "RequestEntityTooLarge", message: message), keepAlive: false, countAnswer: false, closeWhenWritten: false)
        arm(context, after: shared.configuration.readTimeout) { handler, context in handler.close(context) }
    }

    private func readDeadlinePassed(_ context: ChannelHandlerContext) {
        guard case .reading(let head, _) = phase else { return }
        phase = .discarding
        shared.logger.info("request body not received in time", metadata: ["uri": "\(head.uri)"])
        respond(context, .status(408, reason: "Timeout", message: "the request body did not arrive within \(shared.configuration.readTimeout.nanoseconds / 1_000_000) ms"),
                keepAlive: false, countAnswer: false)
    }

    private func respond(_ context: ChannelHandlerContext, _ reply: HTTPReply, keepAlive: Bool, countAnswer: Bool,
                         closeWhenWritten: Bool = true) {
        guard !closing else { return }
        let keep = keepAlive && !draining
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: reply.contentType)
        headers.add(name: "Content-Length", value: String(reply.body.count))
        headers.add(name: "Connection", value: keep ? "keep-alive" : "close")
        if reply.status.code >= 400 { shared.metrics.recordHTTPError(code: Int(reply.status.code)) }
        let head = HTTPResponseHead(version: .http1_1, status: reply.status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: reply.body.count)
        buffer.writeBytes(reply.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let state = shared.state
        written.futureResult.whenComplete { result in
            let (handler, context) = bound.value
            if case .success = result, countAnswer { state.countAnswered() }
            if keep {
                if case .responding = handler.phase { handler.phase = .idle }
                handler.armIdleDeadline(context)
            } else if closeWhenWritten || handler.discardedRequestEnded {
                handler.close(context)
            } else {
                handler.errorAnswerWritten = true
            }
        }
    }

    private func armIdleDeadline(_ context: ChannelHandlerContext) {
        let wait = draining ? shared.configuration.drainIdleGrace : shared.configuration.idleTimeout
        arm(context, after: wait) { handler, context in
            guard case .idle = handler.phase else { return }
            handler.close(context)
        }
    }

    private func arm(_ context: ChannelHandlerContext, after delay: TimeAmount,
                     _ action: @escaping (ConnectionHandler, ChannelHandlerContext) -> Void) {
        deadline?.cancel()
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let boundAction = NIOLoopBound(action, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: delay) {
            let (handler, context) = bound.value
            boundAction.value(handler, context)
        }
    }

    private func close(_ context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        deadline?.cancel()
        context.close(promise: nil)
    }
}
