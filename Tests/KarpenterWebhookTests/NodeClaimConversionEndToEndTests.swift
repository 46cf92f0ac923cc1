import KarpenterAPI
import KarpenterWebhook
import OrderedCollections
import Testing

/// ConversionReviews for NodeClaims over HTTPS, both directions, compared with the core.
@Suite(.timeLimit(.minutes(2)))
struct NodeClaimConversionEndToEndTests {
    let server: WebhookProcess

    init() throws { server = try WebhookProcess() }

    private func convert(_ objects: [JSONValue], to desired: String) async throws -> JSONValue {
        try await server.convert(objects, to: desired, uid: "nodeclaim-conversion-\(desired)")
    }

    private func converted(_ answer: JSONValue) -> [JSONValue] {
        answer["response"]?["convertedObjects"]?.arrayValue ?? []
    }

    @Test func v1beta1ToV1() async throws {
        let answer = try await convert([Fixtures.v1beta1NodeClaim], to: "karpenter.sh/v1")
        #expect(answer["response"]?["result"]?["status"]?.stringValue == "Success")
        let object = try #require(converted(answer).first)
        #expect(object == NodeClaimConversion.v1beta1ToV1(Fixtures.v1beta1NodeClaim).converted)
        #expect(object["apiVersion"]?.stringValue == "karpenter.sh/v1")
        #expect(object["spec"]?["nodeClassRef"]?["group"]?.stringValue == "karpenter.azure.com")
        #expect(object["spec"]?["kubelet"] == nil)
        #expect(object["metadata"]?["annotations"]?[KarpenterAnnotation.kubeletCompatibility] != nil)
        #expect(object["status"]?["conditions"]?.arrayValue?.first?["severity"] == nil)
        #expect(Admission.review(object).errors.isEmpty, "the converted NodeClaim passes v1 admission")
    }

    @Test func v1ToV1beta1AndBackGivesTheStoredObject() async throws {
        let answer = try await convert([Fixtures.v1NodeClaim, Fixtures.nodeClaim], to: "karpenter.sh/v1beta1")
        let views = converted(answer)
        #expect(views.count == 2)
        #expect(views.first == NodeClaimConversion.v1ToV1beta1(Fixtures.v1NodeClaim).converted)
        let view = try #require(views.first)
        #expect(view["apiVersion"]?.stringValue == "karpenter.sh/v1beta1")
        #expect(view["spec"]?["nodeClassRef"]?["apiVersion"]?.stringValue == "karpenter.azure.com/v1alpha2")
        #expect(view["spec"]?["expireAfter"] == nil)
        #expect(view["metadata"]?["annotations"]?[KarpenterAnnotation.nodeClaimV1SpecCompatibility] != nil)

        let back = converted(try await convert(views, to: "karpenter.sh/v1"))
        #expect(back.count == 2)
        for (original, returned) in zip([Fixtures.v1NodeClaim, Fixtures.nodeClaim], back) {
            #expect(sameContent(returned["spec"], original["spec"]))
            #expect(sameContent(returned["metadata"], original["metadata"]))
            // What a v1beta1 client writes back must pass the "spec is immutable" rule.
            #expect(Admission.review(returned, oldObject: original).errors.isEmpty)
        }
    }

    @Test func nodePoolsAndNodeClaimsInOneReview() async throws {
        let answer = try await convert([Fixtures.v1beta1NodePool, Fixtures.v1beta1NodeClaim], to: "karpenter.sh/v1")
        let objects = converted(answer)
        #expect(objects.map { $0["kind"]?.stringValue } == ["NodePool", "NodeClaim"])
        #expect(objects.allSatisfy { $0["apiVersion"]?.stringValue == "karpenter.sh/v1" })
    }

    @Test func otherKindsFailWithAReason() async throws {
        let failed = try await convert([Fixtures.nodeClass], to: "karpenter.azure.com/v1alpha2")
        #expect(failed["response"]?["result"]?["status"]?.stringValue == "Failure")
        #expect(failed["response"]?["result"]?["message"]?.stringValue?.contains("only NodePools and NodeClaims") == true)
        #expect(converted(failed).isEmpty)
    }

    /// Equal up to key order.
    private func sameContent(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        JSONWriter.string(sorted(lhs ?? .null)) == JSONWriter.string(sorted(rhs ?? .null))
    }

    private func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var result: [(String, JSONValue)] = []
            for key in members.keys.sorted() { result.append((key, sorted(members[key]!))) }
            return .object(.init(uniqueKeysWithValues: result))
        case .array(let items):
            return .array(items.map(sorted))
        default:
            return value
        }
    }
}
