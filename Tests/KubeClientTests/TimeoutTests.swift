import Foundation
import Testing
@testable import KubeClient

@Suite("Timeouts")
struct TimeoutTests {
    @Test func aServerThatNeverAnswersEndsInATimeoutThatNamesTheFlag() async throws {
        let listener = try SilentListener()
        let config = RESTConfig(server: URL(string: "http://127.0.0.1:\(listener.port)")!)
        let options = ClientOptions(requestTimeout: .milliseconds(500), retry: .none)
        let started = ContinuousClock.now
        do {
            _ = try await KubernetesClient.withClient(config: config, options: options) { client in
                try await client.get(.namespaces, name: "default")
            }
            Issue.record("a silent server must time out")
        } catch let error as KubeClientError {
            guard case .timeout(let method, let path, _) = error else {
                Issue.record("expected a timeout, got \(error)")
                return
            }
            #expect(method == "GET")
            #expect(path == "/api/v1/namespaces/default")
            #expect(error.description.contains("--request-timeout"))
        }
        // Not a timing assertion: only that the client gave up instead of hanging forever.
        #expect(ContinuousClock.now - started < .seconds(60))
        withExtendedLifetime(listener) {}
    }

    @Test func aRefusedConnectionIsATransportErrorNamingTheServer() async throws {
        let port: Int
        do {
            let listener = try SilentListener()
            port = listener.port
        }
        let config = RESTConfig(server: URL(string: "http://127.0.0.1:\(port)")!)
        do {
            _ = try await KubernetesClient.withClient(config: config, options: ClientOptions(retry: .none)) { client in
                try await client.get(.nodes, name: "n1")
            }
            Issue.record("nothing listens there")
        } catch let error as KubeClientError {
            guard case .transport(_, let url, _) = error else {
                Issue.record("expected a transport error, got \(error)")
                return
            }
            #expect(url == "http://127.0.0.1:\(port)/api/v1/nodes/n1")
        }
    }
}
