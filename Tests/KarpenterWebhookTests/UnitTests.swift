import KarpenterAPI
@testable import KarpenterWebhook
import Testing

@Suite struct JSONPatchTests {
    @Test func pointerTokensAreEscaped() {
        #expect(JSONPatch.escape("karpenter.sh/x") == "karpenter.sh~1x")
        #expect(JSONPatch.escape("a~b/c") == "a~0b~1c")
        #expect(JSONPatch.escape("plain") == "plain")
    }

    @Test func diffAddsWholeMissingMapsAndRoundTrips() throws {
        let source = Reviews.object(#"{"metadata":{"name":"a"},"list":[1,2],"gone":true}"#)
        let target = Reviews.object(#"{"metadata":{"name":"a","annotations":{"karpenter.sh/do-not-disrupt":"true","x~y":"1"}},"list":[1,2,3]}"#)
        let operations = JSONPatch.diff(from: source, to: target)
        #expect(operations.contains { $0.op == .remove && $0.path == "/gone" })
        #expect(operations.contains { $0.op == .add && $0.path == "/metadata/annotations" })
        #expect(operations.contains { $0.op == .replace && $0.path == "/list" })
        let document = try JSONBodyParser.parse(Array(JSONPatch.document(operations).utf8))
        #expect(try JSONPatchApplier.apply(document, to: source) == target)

        let nested = JSONPatch.diff(from: Reviews.object(#"{"a":{"b/c":{}}}"#), to: Reviews.object(#"{"a":{"b/c":{"d~e":1}}}"#))
        #expect(nested.map(\.path) == ["/a/b~1c/d~0e"])
    }
}

@Suite struct JSONBodyParserTests {
    @Test func keepsOrderAndNumberSpellings() throws {
        let value = try JSONBodyParser.parse(Array(#"{"z":1.50,"a":[1e3,-0,"\u00e9\ud83d\ude00"]}"#.utf8))
        #expect(value.objectValue?.keys.elementsEqual(["z", "a"]) == true)
        #expect(value["z"] == .number("1.50"))
        #expect(value["a"] == .array([.number("1e3"), .number("-0"), .string("é😀")]))
    }

    @Test(arguments: ["", "{", "{\"a\" 1}", "[1,]", "01", "\"\\x\"", "tru", "{}{}", "\"\u{01}\"", "1.", "-"])
    func rejectsMalformedInput(_ text: String) {
        #expect(throws: JSONBodyParser.Failure.self) { try JSONBodyParser.parse(Array(text.utf8)) }
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONBodyParser.Failure.self) { try JSONBodyParser.parse(Array(deep.utf8)) }
    }
}

@Suite struct CertificateTests {
    @Test func generatedCertificatesLoadAndPair() throws {
        let bundle = try CertificateGenerator.generate(service: "svc", namespace: "ns", extraHosts: ["127.0.0.1", "::1", "example.test"])
        let certificate = try ServingCertificate.parse(certificatePEM: Array(bundle.certificatePEM.utf8),
                                                       keyPEM: Array(bundle.privateKeyPEM.utf8), origin: "memory")
        #expect(certificate.chain.count == 1)
        let other = try CertificateGenerator.generate(service: "svc", namespace: "ns")
        #expect(throws: ServingCertificate.LoadError.self) {
            try ServingCertificate.parse(certificatePEM: Array(bundle.certificatePEM.utf8), keyPEM: Array(other.privateKeyPEM.utf8), origin: "memory")
        }
    }
}

@Suite struct MetricsTests {
    @Test func rendersPrometheusText() {
        let metrics = WebhookMetrics()
        metrics.recordReview(webhook: "validate", kind: "NodePool", operation: "CREATE", verdict: "accepted", seconds: 0.003)
        metrics.recordReview(webhook: "validate", kind: "NodePool", operation: "CREATE", verdict: "accepted", seconds: 0.2)
        let text = metrics.render()
        #expect(text.contains(#"karpenter_webhook_requests_total{webhook="validate",kind="NodePool",operation="CREATE",verdict="accepted"} 2"#))
        #expect(text.contains(#"karpenter_webhook_request_duration_seconds_bucket{webhook="validate",le="0.005"} 1"#))
        #expect(text.contains(#"karpenter_webhook_request_duration_seconds_bucket{webhook="validate",le="+Inf"} 2"#))
        #expect(text.contains("karpenter_webhook_requests_in_flight 0"))
    }
}
