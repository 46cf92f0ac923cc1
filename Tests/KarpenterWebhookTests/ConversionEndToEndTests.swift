import KarpenterAPI
import KarpenterWebhook
import Testing

/// ConversionReviews for NodePools over HTTPS, both directions, compared with the core.
@Suite(.timeLimit(.minutes(2)))
struct ConversionEndToEndTests {
    let server: WebhookProcess

    init() throws { server = try WebhookProcess() }

    private func convert(_ objects: [JSONValue], to desired: String) async throws -> JSONValue {
        try await server.convert(objects, to: desired, uid: "conversion-\(desired)")
    }

    @Test func v1beta1ToV1() async throws {
        let answer = try await convert([Fixtures.v1beta1NodePool], to: "karpenter.sh/v1")
        #expect(answer["response"]?["result"]?["status"]?.stringValue == "Success")
        let converted = try #require(answer["response"]?["convertedObjects"]?.arrayValue?.first)
        #expect(converted == NodePoolConversion.v1beta1ToV1(Fixtures.v1beta1NodePool).converted)
        #expect(converted["apiVersion"]?.stringValue == "karpenter.sh/v1")
        #expect(converted["spec"]?["template"]?["spec"]?["expireAfter"]?.stringValue == "168h")
    }

    @Test func v1ToV1beta1AndBack() async throws {
        let answer = try await convert([Fixtures.nodePool, Fixtures.nodePool], to: "karpenter.sh/v1beta1")
        let converted = answer["response"]?["convertedObjects"]?.arrayValue ?? []
        #expect(converted.count == 2)
        #expect(converted.first == NodePoolConversion.v1ToV1beta1(Fixtures.nodePool).converted)
        #expect(converted.first?["apiVersion"]?.stringValue == "karpenter.sh/v1beta1")
        let back = try await convert(converted, to: "karpenter.sh/v1")
        let roundTrip = back["response"]?["convertedObjects"]?.arrayValue?.first
        #expect(roundTrip?["spec"]?["template"]?["spec"]?["nodeClassRef"] == Fixtures.nodePool["spec"]?["template"]?["spec"]?["nodeClassRef"])
    }

    @Test func sameVersionIsUnchangedAndUnknownPairsFail() async throws {
        let same = try await convert([Fixtures.nodePool], to: "karpenter.sh/v1")
        #expect(same["response"]?["convertedObjects"]?.arrayValue?.first == Fixtures.nodePool)
        let failed = try await convert([Fixtures.nodePool], to: "karpenter.sh/v2")
        #expect(failed["response"]?["result"]?["status"]?.stringValue == "Failure")
        #expect(failed["response"]?["result"]?["message"]?.stringValue?.contains("karpenter.sh/v2") == true)
    }
}
