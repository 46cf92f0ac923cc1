import AsyncHTTPClient
import Foundation
import KarpenterAPI
import NIOConcurrencyHelpers
import NIOCore

/// A watch response read in the background: JSON lines collected as events.
final class WatchStream: Sendable {
    enum Ending: Sendable, Equatable {
        case open
        case clean
        case failed(String)
    }

    let status: Int
    private let state = NIOLockedValueBox<(events: [JSONValue], ending: Ending)>(([], .open))
    private let reader = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(response: HTTPClientResponse) {
        status = Int(response.status.code)
        let state = state
        let task = Task {
            var pending: [UInt8] = []
            do {
                for try await chunk in response.body {
                    pending += Array(chunk.readableBytesView)
                    while let newline = pending.firstIndex(of: 0x0A) {
                        let line = Array(pending[..<newline])
                        pending.removeFirst(newline + 1)
                        if let event = try? JSONBodyParser.parse(line) {
                            state.withLockedValue { $0.events.append(event) }
                        }
                    }
                }
                state.withLockedValue { $0.ending = .clean }
            } catch {
                state.withLockedValue { $0.ending = .failed(String(describing: error)) }
            }
        }
        reader.withLockedValue { $0 = task }
    }

    var events: [JSONValue] { state.withLockedValue { $0.events } }
    var ending: Ending { state.withLockedValue { $0.ending } }

    /// Waits until at least `count` events arrived (or the stream ended) and returns them all.
    @discardableResult
    func waitForEvents(_ count: Int, timeout: Duration = .seconds(10)) async throws -> [JSONValue] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (events, ending) = state.withLockedValue { ($0.events, $0.ending) }
            if events.count >= count { return events }
            if ending != .open { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let events = self.events
        guard events.count >= count else {
            throw UnexpectedResponse(description: "expected \(count) watch events, got \(events.count): \(events.map { JSONWriter.string($0) })")
        }
        return events
    }

    /// The first event (at or after `index`) that satisfies `predicate`.
    func waitForEvent(after index: Int = 0, timeout: Duration = .seconds(10),
                      where predicate: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let events = self.events
            if let match = events.dropFirst(index).first(where: predicate) { return match }
            if ending != .open { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw UnexpectedResponse(description: "no matching watch event among \(events.map { JSONWriter.string($0) })")
    }

    /// Waits for the server to end the stream.
    func waitForEnd(timeout: Duration = .seconds(10)) async throws -> Ending {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let ending = self.ending
            if ending != .open { return ending }
            try await Task.sleep(for: .milliseconds(10))
        }
        return .open
    }

    func cancel() {
        reader.withLockedValue { $0?.cancel() }
    }
}

extension JSONValue {
    var eventType: String { self["type"]?.stringValue ?? "" }
    var eventName: String { self["object"]?["metadata"]?["name"]?.stringValue ?? "" }
    var eventResourceVersion: String { self["object"]?["metadata"]?["resourceVersion"]?.stringValue ?? "" }
}
