import InProcessAPIServer
import KarpenterAPI
import Testing

@Suite struct FailureInjectionTests {
    @Test func injectedTooManyRequestsCarriesRetryAfter() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        cluster.server.injectFailures(.tooManyRequests(method: "GET", pathPrefix: "/api/v1/namespaces/default/pods", count: 2, retryAfterSeconds: 3))
        for _ in 0..<2 {
            let throttled = try await cluster.get("/api/v1/namespaces/default/pods").expect(429)
            #expect(throttled.headers["Retry-After"].first == "3")
            #expect(throttled.reason == "TooManyRequests")
            #expect(throttled["details", "retryAfterSeconds"]?.integerValue == 3)
        }
        // Other methods and paths are untouched; the third GET succeeds.
        try await cluster.post("/api/v1/namespaces/default/pods", Fixtures.pod("p")).expect(201)
        try await cluster.get("/api/v1/namespaces/default/configmaps").expect(200)
        try await cluster.get("/api/v1/namespaces/default/pods").expect(200)
        #expect(cluster.server.requests.map(\.status) == [429, 429, 201, 200, 200])
    }

    @Test func injectedServerErrors() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        cluster.server.injectFailures(InjectedFailure(pathPrefix: "/apis/karpenter.sh", status: 503))
        let unavailable = try await cluster.get("/apis/karpenter.sh/v1/nodepools").expect(503)
        #expect(unavailable.reason == "ServiceUnavailable")
        try await cluster.get("/apis/karpenter.sh/v1/nodepools").expect(200)
    }

    @Test func oversizedBodiesAre413() async throws {
        let cluster = try await TestCluster.start(.init(maxRequestBodyBytes: 1024))
        defer { Task { try await cluster.stop() } }
        let large = Fixtures.configMap("large", data: ["blob": String(repeating: "x", count: 4096)])
        let response = try await cluster.post("/api/v1/namespaces/default/configmaps", large).expect(413)
        #expect(response.reason == "RequestEntityTooLarge")
        #expect(response.message == "Request entity too large: limit is 1024")
        try await cluster.get("/api/v1/namespaces/default/configmaps").expect(200)
    }
}
