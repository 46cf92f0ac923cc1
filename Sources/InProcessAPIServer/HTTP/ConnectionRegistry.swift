import NIOConcurrencyHelpers
import NIOCore

/// The open connections, so shutdown can finish and close them.
final class ConnectionRegistry: Sendable {
    private struct Entry: Sendable {
        let channel: any Channel
        let handler: NIOLoopBound<APIConnectionHandler>
    }

    private let entries = NIOLockedValueBox<[ObjectIdentifier: Entry]>([:])

    func add(_ channel: any Channel, handler: NIOLoopBound<APIConnectionHandler>) {
        entries.withLockedValue { $0[ObjectIdentifier(channel)] = Entry(channel: channel, handler: handler) }
    }

    func remove(_ channel: any Channel) {
        _ = entries.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Asks every connection to close once its current answer is out; returns their close futures.
    func closeAllWhenDone() -> [EventLoopFuture<Void>] {
        let current = entries.withLockedValue { Array($0.values) }
        return current.map { entry in
            entry.channel.eventLoop.execute { entry.handler.value.closeWhenDone() }
            return entry.channel.closeFuture
        }
    }

    /// Closes whatever is still open.
    func closeAll() {
        let current = entries.withLockedValue { Array($0.values) }
        for entry in current { entry.channel.close(promise: nil) }
    }
}
