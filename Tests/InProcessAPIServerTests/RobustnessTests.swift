import InProcessAPIServer
import KarpenterAPI
import NIOHTTP1
import Testing

/// Bad input gets a 4xx Status, never a crash or a hang.
@Suite struct RobustnessTests {
    @Test func malformedRequestsAreRefused() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let requests: [(HTTPMethod, String, String, String)] = [
            (.POST, "/api/v1/namespaces/default/configmaps", "[]", "application/json"),
            (.POST, "/api/v1/namespaces/default/configmaps", "{\"metadata\": []}", "application/json"),
            (.POST, "/api/v1/namespaces/default/configmaps", "{\"metadata\": {\"name\": 5}}", "application/json"),
            (.POST, "/api/v1/namespaces/default/configmaps", "{\"metadata\": {\"name\": \"a\", \"labels\": {\"x\": 5}}}", "application/json"),
            (.POST, "/api/v1/namespaces/default/configmaps", "", "application/json"),
            (.POST, "/api/v1/namespaces/default/pods", "{\"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": \"no\"}}", "application/json"),
            (.POST, "/apis/karpenter.sh/v1/nodepools", "{\"apiVersion\": \"karpenter.sh/v1\", \"kind\": \"NodePool\", \"metadata\": {\"name\": \"x\"}, \"spec\": 7}", "application/json"),
            (.POST, "/apis/policy/v1/namespaces/default/poddisruptionbudgets",
             "{\"metadata\": {\"name\": \"b\"}, \"spec\": {\"minAvailable\": -9223372036854775808}}", "application/json"),
            (.POST, "/apis/policy/v1/namespaces/default/poddisruptionbudgets",
             "{\"metadata\": {\"name\": \"b\"}, \"spec\": {\"minAvailable\": 1, \"maxUnavailable\": \"500%\"}}", "application/json"),
            (.POST, "/api/v1/namespaces/default/pods/p/eviction", "{\"kind\": \"Eviction\"}", "application/json"),
            (.POST, "/api/v1/namespaces/default/pods/p/binding", "{}", "application/json"),
            (.PATCH, "/api/v1/namespaces/default/configmaps/x", "{}", "application/merge-patch+json"),
            (.PATCH, "/api/v1/namespaces/kube-system", "[{\"op\": \"move\", \"from\": \"/nope\", \"path\": \"/x\"}]", "application/json-patch+json"),
            (.PATCH, "/api/v1/namespaces/kube-system", "[{\"op\": \"add\", \"path\": \"/metadata/labels/a~2\"}]", "application/json-patch+json"),
            (.PATCH, "/api/v1/namespaces/kube-system", "{\"$patch\": \"explode\"}", "application/strategic-merge-patch+json"),
            (.PATCH, "/api/v1/namespaces/kube-system", "{}", "application/apply-patch+yaml"),
            (.DELETE, "/api/v1/namespaces/kube-system?gracePeriodSeconds=soon", "", "application/json"),
            (.DELETE, "/api/v1/namespaces/kube-system", "{\"gracePeriodSeconds\": \"x\"}", "application/json"),
            (.GET, "/api/v1/pods?watch=true&resourceVersion=abc", "", "application/json"),
            (.GET, "/api/v1/pods?limit=ten", "", "application/json"),
            (.GET, "/api/v1/pods?fieldSelector=%zz", "", "application/json"),
            (.GET, "/api/v1/pods?labelSelector=a%20in%20()", "", "application/json"),
            (.GET, "/api/v1/pods?resourceVersion=5&resourceVersionMatch=Sometime", "", "application/json"),
            (.GET, "/api/v1/pods?resourceVersion=-1&resourceVersionMatch=Exact", "", "application/json"),
            (.GET, "/api/v1/namespaces/default/pods/x/log", "", "application/json"),
            (.GET, "/apis/karpenter.sh/v9/nodepools", "", "application/json"),
            (.GET, "/openapi/v2", "", "application/json"),
        ]
        for (method, path, body, contentType) in requests {
            let response = try await cluster.send(method, path, rawBody: body.isEmpty ? nil : Array(body.utf8), contentType: contentType)
            #expect((400..<500).contains(response.status), "\(method) \(path) \(body) answered \(response.status): \(JSONWriter.string(response.body))")
            if response.status != 200 {
                #expect(response["kind"]?.stringValue == "Status", "\(method) \(path)")
            }
        }
        // The server is still healthy.
        try await cluster.get("/healthz").expect(200)
    }

    @Test func disruptionBudgetSpecIsValidated() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let both = try await cluster.post("/apis/policy/v1/namespaces/default/poddisruptionbudgets",
                                          Fixtures.pdb("b", minAvailable: .int(1), maxUnavailable: .int(1))).expect(422)
        #expect(both.message.contains("minAvailable and maxUnavailable cannot be both set"))
        let negative = try await cluster.post("/apis/policy/v1/namespaces/default/poddisruptionbudgets",
                                              Fixtures.pdb("b", minAvailable: .int(-1))).expect(422)
        #expect(negative.message == "PodDisruptionBudget.policy \"b\" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0")
    }
}
