import Foundation
import KarpenterAPI
import KarpenterWebhook
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

/// Bad input gets a clear HTTP answer and never takes the server down.
@Suite(.timeLimit(.minutes(2)))
struct RobustnessEndToEndTests {
    let server: WebhookProcess

    init() throws {
        server = try WebhookProcess(arguments: ["--max-request-bytes", "65536"])
    }

    private func status(of body: JSONValue) -> (String, String) {
        (body["reason"]?.stringValue ?? "", body["message"]?.stringValue ?? "")
    }

    @Test func oversizedBodiesGet413AndTheServerKeepsServing() async throws {
        let client = try await server.connect()
        let padding = String(repeating: "x", count: 70_000)
        var object = Fixtures.nodePool
        object["metadata"]?["annotations"]?["example.com/padding"] = .string(padding)
        let response = try await client.post("/validate", body: Reviews.admission(object)).get()
        #expect(response.status == 413)
        let (reason, message) = status(of: try Reviews.parse(response.body))
        #expect(reason == "RequestEntityTooLarge")
        #expect(message.contains("65536"))
        #expect(response.header("Connection") == "close")
        _ = try? await client.close().get()
        try await expectStillServing()
    }

    @Test(arguments: [
        ("{\"apiVersion\": ", "malformed JSON"),
        (String(repeating: "[", count: 500), "nesting deeper"),
        ("\u{FF}\u{FE}", "malformed JSON"),
        ("{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\"}}", "apiVersion must be admission.k8s.io/v1"),
        ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"ConversionReview\",\"request\":{\"uid\":\"1\"}}", "kind must be AdmissionReview"),
        ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", "request"),
        ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"\"}}", "request.uid"),
        ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\"}}", "request.object"),
        ("42", "JSON object"),
    ])
    func malformedReviewsGet400WithAReason(_ body: String, _ expected: String) async throws {
        let client = try await server.connect()
        let response = try await client.post("/validate", body: Array(body.utf8)).get()
        #expect(response.status == 400)
        let (reason, message) = status(of: try Reviews.parse(response.body))
        #expect(reason == "BadRequest")
        #expect(message.contains(expected), "\(message)")
        // The connection stays usable after a 400.
        let next = try await client.post("/validate", body: Reviews.admission(Fixtures.nodePool)).get()
        #expect(next.status == 200)
        _ = try await client.close().get()
    }

    @Test func wrongPathsAndMethodsAreAnswered() async throws {
        let client = try await server.connect()
        #expect(try await client.post("/nope", body: Reviews.admission(Fixtures.nodePool)).get().status == 404)
        #expect(try await client.get("/validate").get().status == 405)
        let withQuery = try await client.post("/validate?timeout=5s", body: Reviews.admission(Fixtures.nodePool)).get()
        #expect(withQuery.status == 200, "the API server appends ?timeout=")
        let conversionAsAdmission = try await client.post("/convert", body: Reviews.admission(Fixtures.nodePool)).get()
        #expect(conversionAsAdmission.status == 400)
        _ = try await client.close().get()
    }

    @Test func silentAndSlowClientsAreDisconnected() async throws {
        // 3 s, not 1: on a loaded machine the TLS handshake alone can take a second.
        let server = try WebhookProcess(arguments: ["--idle-timeout", "3", "--read-timeout", "3"])
        // A TCP client that never starts TLS is closed after the idle timeout (3 s here).
        let silent = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: server.port).get()
        try await withTimeout(seconds: 20) { try await silent.closeFuture.get() }

        // A client that sends headers and then stalls its body gets 408 after the read timeout.
        let slow = try await server.connect()
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: "1000")
        headers.add(name: "Host", value: "webhook")
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/validate", headers: headers)
        // Ten bytes of a promised thousand: the request can never complete.
        let stalled = try await withTimeout(seconds: 20) {
            try await slow.sendPartial(head, body: Array("{\"apiVersi".utf8)).get()
        }
        #expect(stalled.status == 408)
        try await expectStillServing(server)
    }

    private func expectStillServing(_ server: WebhookProcess? = nil) async throws {
        let server = server ?? self.server
        #expect(server.process.isRunning)
        let client = try await server.connect()
        let response = try await client.post("/validate", body: Reviews.admission(Fixtures.nodePool)).get()
        #expect(response.status == 200)
        _ = try await client.close().get()
    }
}

func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            throw TestFailure("timed out after \(seconds) s")
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
}
