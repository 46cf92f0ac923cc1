import Foundation
import KarpenterAPI
import KarpenterWebhook
import Testing

/// The real binary over HTTPS: verdicts, messages, warnings and patches, compared with the core.
@Suite(.timeLimit(.minutes(2)))
struct AdmissionEndToEndTests {
    let server: WebhookProcess

    init() throws { server = try WebhookProcess() }

    private func review(_ path: String, _ body: [UInt8], on client: HTTPSClient) async throws -> JSONValue {
        let response = try await client.post(path, body: body).get()
        #expect(response.status == 200, "\(path) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        return try Reviews.parse(response.body)
    }

    @Test func validObjectsAreAllowedAndTheUIDIsEchoed() async throws {
        let client = try await server.connect()
        for object in [Fixtures.nodePool, Fixtures.nodeClass, Fixtures.nodeClaim] {
            #expect(Admission.review(object).verdict == .accepted)
            let uid = UUID().uuidString
            let answer = try await review("/validate", Reviews.admission(object, uid: uid), on: client)
            #expect(answer["apiVersion"]?.stringValue == "admission.k8s.io/v1")
            #expect(answer["kind"]?.stringValue == "AdmissionReview")
            #expect(answer["response"]?["uid"]?.stringValue == uid)
            #expect(answer["response"]?["allowed"]?.boolValue == true)
            #expect(answer["response"]?["status"]?["code"]?.integerValue == 200)
        }
        _ = try await client.close().get()
    }

    @Test func invalidObjectsAreDeniedWithEveryFieldAndFix() async throws {
        let client = try await server.connect()
        for object in [Fixtures.invalidNodePool, Fixtures.invalidNodeClass] {
            let core = Admission.review(object)
            #expect(core.verdict == .rejected)
            let answer = try await review("/validate", Reviews.admission(object), on: client)
            let response = try #require(answer["response"])
            #expect(response["allowed"]?.boolValue == false)
            #expect(response["status"]?["code"]?.integerValue == 422)
            #expect(response["status"]?["reason"]?.stringValue == "Invalid")
            let message = response["status"]?["message"]?.stringValue ?? ""
            for error in core.errors {
                #expect(message.contains(error.path.description), "message lacks \(error.path): \(message)")
                #expect(message.contains(error.message))
                if let hint = error.hint { #expect(message.contains(hint)) }
            }
        }
        _ = try await client.close().get()
    }

    @Test func warningsComeFromTheCore() async throws {
        let client = try await server.connect()
        let core = Admission.review(Fixtures.v1beta1NodePool)
        #expect(!core.warnings.isEmpty)
        let answer = try await review("/validate", Reviews.admission(Fixtures.v1beta1NodePool), on: client)
        let warnings = answer["response"]?["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(warnings.count == core.warnings.count)
        for (warning, issue) in zip(warnings, core.warnings) {
            #expect(warning.hasPrefix(issue.path.description))
        }
        _ = try await client.close().get()
    }

    @Test(arguments: ["nodePool", "nodeClass", "nodeClaim", "v1beta1NodePool"])
    func thePatchProducesTheCoreDefaults(_ name: String) async throws {
        let object = [
            "nodePool": Fixtures.nodePool, "nodeClass": Fixtures.nodeClass,
            "nodeClaim": Fixtures.nodeClaim, "v1beta1NodePool": Fixtures.v1beta1NodePool,
        ][name]!
        let client = try await server.connect()
        let answer = try await review("/mutate", Reviews.admission(object), on: client)
        let response = try #require(answer["response"])
        #expect(response["allowed"]?.boolValue == true)
        #expect(response["patchType"]?.stringValue == "JSONPatch")
        let patch = try #require(try Reviews.patch(of: answer))
        let patched = try JSONPatchApplier.apply(patch, to: object)
        let expected = Admission.review(object).defaulted
        #expect(patched == expected)
        #expect(patched != object, "the fixture should need defaults")
        _ = try await client.close().get()
    }

    @Test func alreadyDefaultedObjectsGetNoPatch() async throws {
        let client = try await server.connect()
        let defaulted = Admission.review(Fixtures.nodePool).defaulted
        let answer = try await review("/mutate", Reviews.admission(defaulted), on: client)
        #expect(answer["response"]?["allowed"]?.boolValue == true)
        #expect(answer["response"]?["patch"] == nil)
        _ = try await client.close().get()
    }

    @Test func updateRulesUseTheOldObject() async throws {
        let client = try await server.connect()
        let cases: [(old: JSONValue, new: JSONValue)] = [
            (Fixtures.nodePool, Fixtures.nodePoolWithOtherClassKind),
            (Fixtures.nodeClaim, Fixtures.nodeClaimResized),
        ]
        for (old, new) in cases {
            let core = Admission.review(new, oldObject: old)
            #expect(core.verdict == .rejected)
            #expect(Admission.review(new).verdict == .accepted, "the change alone is valid on create")
            let created = try await review("/validate", Reviews.admission(new, operation: "CREATE"), on: client)
            #expect(created["response"]?["allowed"]?.boolValue == true)
            let updated = try await review("/validate", Reviews.admission(new, oldObject: old, operation: "UPDATE"), on: client)
            #expect(updated["response"]?["allowed"]?.boolValue == false)
            let message = updated["response"]?["status"]?["message"]?.stringValue ?? ""
            for error in core.errors {
                #expect(message.contains(error.path.description) && message.contains(error.message), "\(message)")
            }
        }
        _ = try await client.close().get()
    }

    @Test func deletesOtherKindsStatusWritesAndDryRunsAreHandled() async throws {
        let client = try await server.connect()
        let deleted = try await review("/validate", Reviews.admission(nil, oldObject: Fixtures.invalidNodePool, operation: "DELETE"), on: client)
        #expect(deleted["response"]?["allowed"]?.boolValue == true)
        let other = try await review("/validate", Reviews.admission(Fixtures.configMap), on: client)
        #expect(other["response"]?["allowed"]?.boolValue == true)
        let otherMutate = try await review("/mutate", Reviews.admission(Fixtures.configMap), on: client)
        #expect(otherMutate["response"]?["patch"] == nil)
        let dryRun = try await review("/validate", Reviews.admission(Fixtures.invalidNodePool, dryRun: true), on: client)
        #expect(dryRun["response"]?["allowed"]?.boolValue == false, "a dry run gets the same verdict")
        _ = try await client.close().get()
    }

    @Test func metricsCountReviewsByKindOperationAndVerdict() async throws {
        let client = try await server.connect()
        _ = try await review("/validate", Reviews.admission(Fixtures.nodePool), on: client)
        _ = try await review("/validate", Reviews.admission(Fixtures.invalidNodeClass), on: client)
        _ = try await client.close().get()
        let probes = try await server.connectProbes()
        let metrics = String(decoding: try await probes.get("/metrics").get().body, as: UTF8.self)
        #expect(metrics.contains(#"karpenter_webhook_requests_total{webhook="validate",kind="NodePool",operation="CREATE",verdict="accepted"}"#))
        #expect(metrics.contains(#"karpenter_webhook_requests_total{webhook="validate",kind="AKSNodeClass",operation="CREATE",verdict="rejected"}"#))
        #expect(metrics.contains("# TYPE karpenter_webhook_request_duration_seconds histogram"))
        #expect(metrics.contains("karpenter_webhook_certificate_expiration_timestamp_seconds "))
        let healthz = try await probes.get("/healthz").get()
        let readyz = try await probes.get("/readyz").get()
        #expect(healthz.status == 200 && readyz.status == 200)
        _ = try await probes.close().get()
    }
}
