import Foundation
import InProcessAPIServer
import KarpenterAPI
import KubeClient
import Testing

@Suite struct ClientShutdownTests {
    /// A request that arrives after `shutdown()` (a background loop still running) must fail
    /// cleanly instead of leaving an HTTP client behind that traps when it is released.
    @Test func requestsAfterShutdownFailWithAClearError() async throws {
        let server = try await InProcessAPIServer.start()
        let client = try KubernetesClient(config: RESTConfig(server: server.baseURL))
        _ = try await client.list(.pods, namespace: "default")
        await client.shutdown()
        await #expect(throws: KubeClientError.self) { _ = try await client.list(.pods, namespace: "default") }
        do {
            _ = try await client.get(.nodes, name: "gone")
            Issue.record("a request after shutdown succeeded")
        } catch {
            #expect("\(error)".contains("shut down"))
        }
        try await server.shutdown()
    }
}
