import InProcessAPIServer
import Testing

/// HTTP/1.1 behaviour below what a client library shows.
@Suite struct ConnectionTests {
    @Test func aRequestBodyThatNeverArrivesGets408() async throws {
        let server = try await InProcessAPIServer.start(.init(requestReadTimeout: .milliseconds(200)))
        let connection = try RawConnection(port: server.baseURL.port ?? 0)
        connection.send("POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"meta")
        let answer = connection.receive(until: "\"code\":408")
        #expect(answer.hasPrefix("HTTP/1.1 408"))
        #expect(answer.contains("\"reason\":\"Timeout\""))
        try await server.shutdown()
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let server = try await InProcessAPIServer.start()
        let connection = try RawConnection(port: server.baseURL.port ?? 0)
        connection.send("GET /api/v1/namespaces/default HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/namespaces/kube-system HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let answer = connection.receive()
        let first = try #require(answer.range(of: "\"name\":\"default\""))
        let second = try #require(answer.range(of: "\"name\":\"kube-system\""))
        #expect(first.lowerBound < second.lowerBound)
        #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        try await server.shutdown()
    }

    @Test func aWatchStreamsChunkedJSONLines() async throws {
        let server = try await InProcessAPIServer.start()
        let connection = try RawConnection(port: server.baseURL.port ?? 0)
        connection.send("GET /api/v1/namespaces?watch=true&timeoutSeconds=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        let answer = connection.receive(until: "0\r\n\r\n")
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"))
        #expect(answer.lowercased().contains("transfer-encoding: chunked"))
        #expect(answer.components(separatedBy: "{\"type\":\"ADDED\"").count == 5)
        try await server.shutdown()
    }
}
