import Foundation
import KarpenterAPI
import KarpenterWebhook
import NIOConcurrencyHelpers
import Testing

/// SIGTERM while clients keep sending: every request the server accepted is answered, the
/// answers are correct, and the process exits 0.
@Suite(.timeLimit(.minutes(2)))
struct ShutdownEndToEndTests {
    @Test func sigtermUnderLoadLosesNoAcceptedRequest() async throws {
        let server = try WebhookProcess(arguments: ["--drain-idle-grace", "2", "--shutdown-timeout", "20"])
        let clients = 8
        let answered = NIOLockedValueBox(0)
        let lost = NIOLockedValueBox<[String]>([])
        let wrong = NIOLockedValueBox<[String]>([])
        let connections = try await (0..<clients).asyncMap { _ in try await server.connect() }

        let workers = connections.enumerated().map { index, client in
            Task {
                // Each worker sends until the server says Connection: close (or, bounded, 20,000 requests).
                for sequence in 0..<20_000 {
                    let uid = "worker-\(index)-\(sequence)"
                    let object = sequence.isMultiple(of: 2) ? Fixtures.nodePool : Fixtures.invalidNodeClass
                    let response: HTTPSClient.Response
                    do {
                        response = try await client.post("/validate", body: Reviews.admission(object, uid: uid)).get()
                    } catch {
                        lost.withLockedValue { $0.append("\(uid): \(error)") }
                        return
                    }
                    let answer = try? Reviews.parse(response.body)
                    let allowed = answer?["response"]?["allowed"]?.boolValue
                    if response.status != 200 || answer?["response"]?["uid"]?.stringValue != uid || allowed != sequence.isMultiple(of: 2) {
                        wrong.withLockedValue { $0.append("\(uid): \(response.status)") }
                    }
                    answered.withLockedValue { $0 += 1 }
                    if response.header("Connection") == "close" { return }
                }
            }
        }

        // Let the load build up, then ask the server to stop while requests are in flight.
        for _ in 0..<400 where answered.withLockedValue({ $0 }) < 300 {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        kill(server.process.processIdentifier, SIGTERM)
        for worker in workers { await worker.value }
        let status = server.waitForExit(timeout: 30)

        #expect(status == 0, "exit status \(String(describing: status)): \(server.logText.suffix(2000))")
        #expect(lost.withLockedValue { $0 }.isEmpty, "requests lost: \(lost.withLockedValue { $0.prefix(5) })")
        #expect(wrong.withLockedValue { $0 }.isEmpty, "wrong answers: \(wrong.withLockedValue { $0.prefix(5) })")
        let summary = try #require(server.logLines.last { $0["message"]?.stringValue == "shutdown complete" })
        let accepted = Int(summary["accepted"]?.stringValue ?? "")
        let serverAnswered = Int(summary["answered"]?.stringValue ?? "")
        #expect(accepted == serverAnswered)
        #expect(serverAnswered == answered.withLockedValue { $0 })
        #expect(answered.withLockedValue { $0 } >= 300)

        // And nothing is accepted afterwards.
        await #expect(throws: (any Error).self) { _ = try await server.connect() }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
