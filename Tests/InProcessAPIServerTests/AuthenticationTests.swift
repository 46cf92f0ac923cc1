import AsyncHTTPClient
import InProcessAPIServer
import KarpenterAPI
import NIOCore
import NIOSSL
import Testing

@Suite struct AuthenticationTests {
    @Test func unknownBearerTokensAre401EvenWithAnonymousAllowed() async throws {
        let cluster = try await TestCluster.start(.init(authentication: .init(bearerTokens: ["good": "alice"])), token: "bad")
        defer { Task { try await cluster.stop() } }
        let refused = try await cluster.get("/api/v1/namespaces").expect(401)
        #expect(refused.body == Fixtures.yaml("{kind: Status, apiVersion: v1, metadata: {}, status: Failure, message: Unauthorized, reason: Unauthorized, code: 401}"))
        #expect(cluster.server.requests.last?.status == 401)
        #expect(cluster.server.requests.last?.user == nil)
    }

    @Test func tokensAuthenticateAndCanBeRevoked() async throws {
        let cluster = try await TestCluster.start(.init(authentication: .init(bearerTokens: ["good": "alice"], allowAnonymous: false)),
                                                  token: "good")
        defer { Task { try await cluster.stop() } }
        try await cluster.get("/api/v1/namespaces/default/pods?limit=5").expect(200)
        let recorded = try #require(cluster.server.requests.last)
        #expect(recorded == RecordedRequest(method: "GET", path: "/api/v1/namespaces/default/pods", query: "limit=5", user: "alice", status: 200))
        #expect(recorded.queryValue("limit") == "5")
        cluster.server.setBearerToken("good", user: nil)
        try await cluster.get("/api/v1/namespaces").expect(401)
        cluster.server.setBearerToken("good", user: "bob")
        try await cluster.get("/api/v1/namespaces").expect(200)
        #expect(cluster.server.requests.last?.user == "bob")
    }

    @Test func anonymousRequestsAreRefusedWhenDisabled() async throws {
        let cluster = try await TestCluster.start(.init(authentication: .init(allowAnonymous: false)))
        defer { Task { try await cluster.stop() } }
        let refused = try await cluster.get("/api/v1/namespaces").expect(401)
        #expect(refused.reason == "Unauthorized")
        try await cluster.get("/healthz").expect(401)
    }

    @Test func clientCertificatesAuthenticateTheirCommonName() async throws {
        let certificates = try ServerCertificates.generate()
        let identity = try certificates.issueClientCertificate(commonName: "system:karpenter", organizations: ["system:masters"])
        let cluster = try await TestCluster.startTLS(certificates: certificates, clientCertificate: identity,
                                                     authentication: .init(allowAnonymous: false))
        defer { Task { try await cluster.stop() } }
        #expect(cluster.server.baseURL.scheme == "https")
        try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("over-tls")).expect(201)
        #expect(cluster.server.requests.last?.user == "system:karpenter")

        // Without a certificate (and with anonymous off) the same server refuses.
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(certificates.caPEM.utf8)))
        let plainClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        let response = try await plainClient.execute(HTTPClientRequest(url: cluster.server.baseURL.absoluteString + "/api/v1/namespaces"), timeout: .seconds(10))
        #expect(response.status.code == 401)
        try await plainClient.shutdown()
    }

    @Test func certificatesFromAnotherCAFailTheHandshake() async throws {
        let certificates = try ServerCertificates.generate()
        let stranger = try ServerCertificates.generate().issueClientCertificate(commonName: "mallory")
        let cluster = try await TestCluster.startTLS(certificates: certificates, clientCertificate: stranger)
        defer { Task { try await cluster.stop() } }
        await #expect(throws: (any Error).self) { _ = try await cluster.get("/api/v1/namespaces") }
    }

    @Test func tokenOverTLSWithoutClientCertificate() async throws {
        let certificates = try ServerCertificates.generate()
        let cluster = try await TestCluster.startTLS(certificates: certificates,
                                                     authentication: .init(bearerTokens: ["t0k3n": "carol"], allowAnonymous: false),
                                                     token: "t0k3n")
        defer { Task { try await cluster.stop() } }
        try await cluster.get("/api/v1/nodes").expect(200)
        #expect(cluster.server.requests.last?.user == "carol")
        let kubeconfig = cluster.server.kubeconfig(token: "t0k3n", caPEM: certificates.caPEM)
        #expect(kubeconfig.contains("server: \(cluster.server.baseURL.absoluteString)"))
        #expect(kubeconfig.contains("certificate-authority-data: "))
        #expect(Fixtures.yaml(kubeconfig)["users"]?.arrayValue?.first?["user"]?["token"]?.stringValue == "t0k3n")
    }
}
