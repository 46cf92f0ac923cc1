import Foundation

/// A value behind a lock, for the little shared state the client keeps outside actors
/// (HTTP clients per identity) where an actor hop per request would be waste.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
