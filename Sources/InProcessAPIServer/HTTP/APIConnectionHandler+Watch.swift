import KarpenterAPI
import NIOCore
import NIOHTTP1

/// Watch streams: a 200 with chunked JSON lines, fed by the store through `HTTPWatchSink`,
/// ended by the store (timeout, shutdown, a dropped connection) or by the client going away.
extension APIConnectionHandler {
    func startWatch(_ context: ChannelHandlerContext, plan: WatchPlan, keepAlive: Bool) {
        nextWatchToken += 1
        let token = nextWatchToken
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Cache-Control", value: "no-cache, private")
        headers.add(name: "Transfer-Encoding", value: "chunked")
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        var session = WatchSession(token: token, keepAlive: keepAlive && !closeWhenIdle)
        phase = .streaming(session)

        let sink = HTTPWatchSink(handler: NIOLoopBound(self, eventLoop: context.eventLoop), eventLoop: context.eventLoop, token: token)
        do {
            session.watcherID = try shared.store.subscribe(plan.type, namespace: plan.namespace, options: plan.options, sink: sink)
        } catch {
            // A watch that cannot start answers 200 with one ERROR event, as the real server.
            writeEvent(WatchEvent(type: .error, object: error.status), token: token)
            finishWatch(token: token)
            return
        }
        guard let watcherID = session.watcherID else { return }
        let store = shared.store
        if plan.bookmarks {
            session.bookmarks = context.eventLoop.scheduleRepeatedTask(
                initialDelay: shared.bookmarkInterval, delay: shared.bookmarkInterval
            ) { _ in store.sendBookmark(to: watcherID) }
        }
        if let timeout = plan.timeout {
            session.timeout = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                store.finishWatch(watcherID)
            }
        }
        phase = .streaming(session)
    }

    /// One event as a JSON line in its own chunk.
    func writeEvent(_ event: WatchEvent, token: Int) {
        guard let context, case .streaming(let session) = phase, session.token == token else { return }
        let line = JSONWriter.string(event.json) + "\n"
        var buffer = context.channel.allocator.buffer(capacity: line.utf8.count)
        buffer.writeString(line)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    }

    /// The store ended the watch: finish the response (and keep the connection), or cut it.
    func watchEnded(_ reason: WatchEnd, token: Int) {
        guard let context, case .streaming(let session) = phase, session.token == token else { return }
        switch reason {
        case .finished:
            finishWatch(token: token)
        case .dropped:
            cancelTimers(session)
            phase = .discarding
            close(context)
        }
    }

    private func finishWatch(token: Int) {
        guard let context, case .streaming(let session) = phase, session.token == token else { return }
        cancelTimers(session)
        phase = .responding
        let keep = session.keepAlive && !closeWhenIdle
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in
            bound.value.responseWritten(keepAlive: keep)
        }
    }

    private func cancelTimers(_ session: WatchSession) {
        session.bookmarks?.cancel()
        session.timeout?.cancel()
    }

    /// The connection went away: stop the watch it was serving.
    func endSession() {
        guard case .streaming(let session) = phase else { return }
        cancelTimers(session)
        if let id = session.watcherID { shared.store.unsubscribe(id) }
        phase = .discarding
    }
}

/// Hands watch events to the connection's event loop, in order.
struct HTTPWatchSink: WatchSink {
    let handler: NIOLoopBound<APIConnectionHandler>
    let eventLoop: any EventLoop
    let token: Int

    func receive(_ event: WatchEvent) {
        let handler = handler
        let token = token
        eventLoop.execute { handler.value.writeEvent(event, token: token) }
    }

    func end(_ reason: WatchEnd) {
        let handler = handler
        let token = token
        eventLoop.execute { handler.value.watchEnded(reason, token: token) }
    }
}
