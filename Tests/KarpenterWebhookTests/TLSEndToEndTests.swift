import Foundation
import KarpenterAPI
import KarpenterWebhook
import NIOConcurrencyHelpers
import NIOSSL
import Testing

/// TLS floor and certificate rotation on disk, against the real binary.
@Suite(.timeLimit(.minutes(2)))
struct TLSEndToEndTests {
    @Test func tls11ClientsAreRefusedAndTLS12IsServed() async throws {
        let server = try WebhookProcess()
        var old = server.tls
        old.minimumVersion = .tlsv1
        old.maximumVersion = .tlsv11
        await #expect(throws: (any Error).self) {
            let client = try await server.connect(tls: old)
            _ = try await client.close().get()
        }
        var tls12 = server.tls
        tls12.maximumVersion = .tlsv12
        let client = try await server.connect(tls: tls12)
        let response = try await client.post("/validate", body: Reviews.admission(Fixtures.nodePool)).get()
        #expect(response.status == 200)
        _ = try await client.close().get()
        #expect(server.process.isRunning)
    }

    @Test func aRotatedCertificateIsServedOnTheNextHandshakeWhileRequestsContinue() async throws {
        let server = try WebhookProcess(arguments: ["--cert-reload-interval", "0.1"])
        let firstCA = server.caCertificatePEM
        let established = try await server.connect()

        // Keep a keep-alive connection busy for the whole rotation.
        let stop = NIOLockedValueBox(false)
        let busy = Task { () -> (ok: Int, failed: Int) in
            var ok = 0, failed = 0
            while !stop.withLockedValue({ $0 }) && ok + failed < 100_000 {
                do {
                    let response = try await established.post("/validate", body: Reviews.admission(Fixtures.nodePool)).get()
                    if response.status == 200 { ok += 1 } else { failed += 1 }
                } catch {
                    failed += 1
                    break
                }
            }
            return (ok, failed)
        }

        // Rotate: a new CA and serving certificate written over the served files.
        try WebhookProcess.generateCertificates(into: server.certificateDirectory)
        let secondCA = server.caCertificatePEM
        #expect(secondCA != firstCA)
        var rotated = server.tls
        rotated.caCertificatePEM = secondCA
        var newConnection: HTTPSClient?
        for _ in 0..<200 where newConnection == nil {
            newConnection = try? await server.connect(tls: rotated)
            if newConnection == nil { try await Task.sleep(nanoseconds: 50_000_000) }
        }
        let fresh = try #require(newConnection, "the new certificate was never served")
        let answer = try await fresh.post("/validate", body: Reviews.admission(Fixtures.nodeClass)).get()
        #expect(answer.status == 200)
        _ = try await fresh.close().get()

        // The old certificate is no longer offered to new connections.
        var stale = server.tls
        stale.caCertificatePEM = firstCA
        await #expect(throws: (any Error).self) {
            let client = try await server.connect(tls: stale)
            _ = try await client.close().get()
        }

        stop.withLockedValue { $0 = true }
        let counts = await busy.value
        #expect(counts.failed == 0, "requests on the established connection failed during rotation")
        #expect(counts.ok > 0)
        let after = try await established.post("/validate", body: Reviews.admission(Fixtures.nodePool)).get()
        #expect(after.status == 200)
        _ = try await established.close().get()
        let reloads = server.logLines.filter { $0["message"]?.stringValue == "serving certificate loaded" }
        #expect(reloads.count >= 2)
    }
}
