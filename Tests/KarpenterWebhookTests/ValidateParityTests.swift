import Foundation
import KarpenterAPI
import KarpenterWebhook
import Testing

/// One core: the webhook and `kubectl karpenter validate` reach the same verdicts and name
/// the same fields for the same objects.
@Suite(.timeLimit(.minutes(2)))
struct ValidateParityTests {
    @Test func webhookVerdictsEqualKubectlKarpenterValidate() async throws {
        let objects: [(String, JSONValue)] = [
            ("nodepool.json", Fixtures.nodePool), ("broken-nodepool.json", Fixtures.invalidNodePool),
            ("nodeclass.json", Fixtures.nodeClass), ("fips-nodeclass.json", Fixtures.invalidNodeClass),
            ("nodeclaim.json", Fixtures.nodeClaim), ("legacy-nodepool.json", Fixtures.v1beta1NodePool),
        ]
        let directory = try WebhookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, object) in objects {
            try Data(JSONWriter.string(object, pretty: true).utf8).write(to: directory.appendingPathComponent(name))
        }
        let cli = try WebhookProcess.run(WebhookProcess.binary("kubectl-karpenter"), ["validate", "-f", directory.path, "-o", "json"])
        #expect(cli.status == 1, "two objects are invalid")
        let report = try Reviews.parse(Array(cli.output.utf8))
        let reviewed = report["objects"]?.arrayValue ?? []
        #expect(reviewed.count == objects.count)

        let server = try WebhookProcess()
        let client = try await server.connect()
        for (name, object) in objects {
            let entry = try #require(reviewed.first { URL(fileURLWithPath: $0["file"]?.stringValue ?? "").lastPathComponent == name }, "\(name) missing from the CLI report")
            let answer = try Reviews.parse(try await client.post("/validate", body: Reviews.admission(object)).get().body)
            let allowed = answer["response"]?["allowed"]?.boolValue
            #expect(allowed == (entry["verdict"]?.stringValue == "accepted"), "\(name): webhook allowed=\(String(describing: allowed)), CLI \(String(describing: entry["verdict"]))")
            let message = answer["response"]?["status"]?["message"]?.stringValue ?? ""
            for error in entry["errors"]?.arrayValue ?? [] {
                let field = error["field"]?.stringValue ?? ""
                #expect(message.contains(field), "\(name): the webhook does not name \(field)")
            }
            let warnings = answer["response"]?["warnings"]?.arrayValue ?? []
            #expect(warnings.count == (entry["warnings"]?.arrayValue ?? []).count, "\(name): warning counts differ")
        }
        _ = try await client.close().get()
    }
}
