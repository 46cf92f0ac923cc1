import NIOConcurrencyHelpers
import NIOCore

/// The open webhook connections, so SIGTERM can drain each one on its own event loop.
final class ConnectionRegistry: Sendable {
    private let connections = NIOLockedValueBox<[ObjectIdentifier: NIOLoopBound<ConnectionHandler>]>([:])

    func add(_ handler: ConnectionHandler, on eventLoop: any EventLoop) {
        let bound = NIOLoopBound(handler, eventLoop: eventLoop)
        connections.withLockedValue { $0[ObjectIdentifier(handler)] = bound }
    }

    func remove(_ handler: ConnectionHandler) {
        _ = connections.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(handler)) }
    }

    var count: Int { connections.withLockedValue { $0.count } }

    /// Tells every connection to finish what it is doing and close.
    func drainAll() {
        let all = connections.withLockedValue { Array($0.values) }
        for bound in all {
            bound.eventLoop.execute { bound.value.beginDrain() }
        }
    }
}
