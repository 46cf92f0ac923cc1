import Foundation
import KarpenterAPI
import Testing
@testable import KubeClient

@Suite("Wire format: paths, query, Status, watch framing, retries, proxies")
struct WireFormatTests {
    @Test func pathsFollowTheAPIServerLayout() {
        #expect(APIResource.pods.collectionPath(namespace: "shop") == "/api/v1/namespaces/shop/pods")
        #expect(APIResource.pods.collectionPath(namespace: nil) == "/api/v1/pods")
        #expect(APIResource.nodePools.objectPath(name: "default", namespace: "ignored") == "/apis/karpenter.sh/v1/nodepools/default")
        #expect(APIResource.pods.objectPath(name: "web-0", namespace: "shop", subresource: "eviction")
                == "/api/v1/namespaces/shop/pods/web-0/eviction")
        #expect(APIResource.leases.collectionPath(namespace: "kube-system") == "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases")
    }

    @Test func selectorsAreEscapedSoTheyCannotChangeTheURL() {
        let query = ListOptions(labelSelector: "env in (a,b),tier!=web", fieldSelector: "spec.nodeName=n/1").query
        #expect(PathEscaping.query(query) == "labelSelector=env%20in%20%28a%2Cb%29%2Ctier%21%3Dweb&fieldSelector=spec.nodeName%3Dn%2F1")
    }

    @Test func statusBodiesDecodeIntoTypedErrors() {
        let body = #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}"#
        let error = StatusError.decode(code: 404, body: Array(body.utf8), retryAfter: nil)
        #expect(error.isNotFound)
        #expect(error.message == #"pods "x" not found"#)
        #expect(error.name == "x")
        let conflict = StatusError.decode(code: 409, body: Array(#"{"kind":"Status","reason":"Conflict","message":"m","code":409}"#.utf8), retryAfter: nil)
        #expect(conflict.isConflict && !conflict.isAlreadyExists)
    }

    @Test func aBodyThatIsNotAStatusStillSaysWhatTheServerAnswered() {
        let error = StatusError.decode(code: 502, body: Array("<html>upstream down</html>\nmore".utf8), retryAfter: 3)
        #expect(error.message == "the server answered 502 Bad Gateway: <html>upstream down</html>")
        #expect(error.retryAfterSeconds == 3)
    }

    @Test func watchEventsAreFoundAcrossArbitraryChunkBoundaries() throws {
        let stream = #"{"type":"ADDED","object":{"metadata":{"name":"a}{\"b"}}}"# + "\n" + #"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"7"}}}"# + "\n"
        let bytes = Array(stream.utf8)
        for split in 1..<bytes.count {
            var framer = JSONStreamFramer()
            var documents = try framer.append(bytes[..<split])
            documents += try framer.append(bytes[split...])
            #expect(documents.count == 2)
            let first = try JSONBodyParser.parse(documents[0])
            #expect(first["object"]?["metadata"]?["name"]?.stringValue == "a}{\"b")
        }
    }

    @Test func garbageBetweenEventsIsAnError() {
        var framer = JSONStreamFramer()
        #expect(throws: JSONStreamFramer.Failure.self) { try framer.append(Array("{}\nnot json".utf8)) }
    }

    @Test func watchErrorEventsThrowTheirStatus() {
        let event = #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 5 (90)","reason":"Expired","code":410}}"#
        do {
            _ = try KubernetesClient.decodeEvent(Array(event.utf8), resource: .pods, path: "/api/v1/pods")
            Issue.record("an ERROR event must throw")
        } catch {
            #expect(error.status?.isGone == true)
            #expect(error.status?.message == "too old resource version: 5 (90)")
        }
    }

    @Test func retriesFollowTheVerbAndTheServersAdvice() {
        let policy = RetryPolicy(maxRetries: 3)
        #expect(policy.delay(after: .status(429, retryAfterSeconds: 2), method: "POST", attempt: 0) == .seconds(2))
        #expect(policy.delay(after: .status(503, retryAfterSeconds: nil), method: "GET", attempt: 0) != nil)
        #expect(policy.delay(after: .status(503, retryAfterSeconds: nil), method: "POST", attempt: 0) == nil)
        #expect(policy.delay(after: .status(409, retryAfterSeconds: nil), method: "PUT", attempt: 0) == nil)
        #expect(policy.delay(after: .status(429, retryAfterSeconds: 1), method: "GET", attempt: 3) == nil)
        #expect(policy.delay(after: .status(429, retryAfterSeconds: 3600), method: "GET", attempt: 0) == .seconds(30))
        #expect(policy.delay(after: .connection, method: "POST", attempt: 0) == nil)
    }

    @Test func noProxyMatchesHostsDomainsAndPorts() {
        #expect(ProxySelection.bypasses(host: "api.example.com", port: 443, noProxy: ".example.com"))
        #expect(ProxySelection.bypasses(host: "example.com", port: 443, noProxy: "example.com"))
        #expect(ProxySelection.bypasses(host: "10.0.0.1", port: 6443, noProxy: "localhost, 10.0.0.1:6443"))
        #expect(!ProxySelection.bypasses(host: "10.0.0.1", port: 443, noProxy: "10.0.0.1:6443"))
        #expect(!ProxySelection.bypasses(host: "notexample.com", port: 443, noProxy: "example.com"))
        #expect(ProxySelection.bypasses(host: "anything", port: nil, noProxy: "*"))
    }

    @Test func environmentProxiesApplyUnlessNoProxySaysOtherwise() throws {
        let server = URL(string: "https://api.example.com:6443")!
        let proxy = try ProxySelection.proxy(for: server, configured: nil, environment: ["HTTPS_PROXY": "proxy.corp:3128"])
        #expect(proxy != nil)
        let bypassed = try ProxySelection.proxy(for: server, configured: nil,
                                                environment: ["HTTPS_PROXY": "proxy.corp:3128", "NO_PROXY": ".example.com"])
        #expect(bypassed == nil)
        #expect(throws: KubeClientError.self) {
            try ProxySelection.proxy(for: server, configured: URL(string: "ftp://proxy:21")!, environment: [:])
        }
    }

    @Test func deleteOptionsCarryPreconditionsAndPropagation() {
        let body = DeleteOptions(gracePeriodSeconds: 0, preconditionUID: "u1", propagationPolicy: .foreground).body
        #expect(JSONWriter.string(body) == #"{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"preconditions":{"uid":"u1"},"propagationPolicy":"Foreground"}"#)
    }
}
