import InProcessAPIServer
import KarpenterAPI
import Testing

@Suite struct SelectorTests {
    private func names(_ response: TestCluster.Response) -> [String] {
        response["items"]?.arrayValue?.compactMap { $0.meta("name") } ?? []
    }

    @Test func labelSelectorOperators() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let labels: [(String, [String: String])] = [
            ("a", ["app": "web", "tier": "front", "rank": "3"]),
            ("b", ["app": "web", "tier": "back", "rank": "7"]),
            ("c", ["app": "db"]),
            ("d", [:]),
        ]
        for (name, set) in labels {
            try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap(name, labels: set)).expect(201)
        }
        let cases: [(String, [String])] = [
            ("app=web", ["a", "b"]),
            ("app==web", ["a", "b"]),
            ("app!=web", ["c", "d"]),
            ("tier in (front,side)", ["a"]),
            ("tier notin (front)", ["b", "c", "d"]),
            ("tier", ["a", "b"]),
            ("!tier", ["c", "d"]),
            ("app=web,tier=back", ["b"]),
            ("rank>5", ["b"]),
            ("rank<5", ["a"]),
            ("", ["a", "b", "c", "d"]),
        ]
        for (selector, expected) in cases {
            let encoded = selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? selector
            let response = try await cluster.get("/api/v1/namespaces/default/configmaps?labelSelector=\(encoded)").expect(200)
            #expect(names(response) == expected, "selector \(selector)")
        }
    }

    @Test func badLabelSelectorsAre400WithTheParserMessage() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        let cases: [(String, String)] = [
            ("app in (a", "unable to parse requirement: found '', expected: ',', ')' or identifier"),
            ("app ~ x", "unable to parse requirement: found '~', expected: in, notin, =, ==, !=, gt, lt"),
            ("a=b,", "found '', expected: identifier after ','"),
            ("app=in valid", "found 'valid', expected: ',' or 'end of string'"),
        ]
        for (selector, message) in cases {
            let encoded = selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? selector
            let response = try await cluster.get("/api/v1/namespaces/default/configmaps?labelSelector=\(encoded)").expect(400)
            #expect(response.message == message, "selector \(selector)")
            #expect(response.reason == "BadRequest")
        }
    }

    @Test func fieldSelectorsPerKind() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        try await cluster.post("/api/v1/namespaces/default/pods", Fixtures.pod("on-n1", nodeName: "n1")).expect(201)
        try await cluster.post("/api/v1/namespaces/default/pods", Fixtures.pod("on-n2", nodeName: "n2")).expect(201)
        try await cluster.post("/api/v1/namespaces/default/pods", Fixtures.pod("pending")).expect(201)
        let onNode = try await cluster.get("/api/v1/pods?fieldSelector=spec.nodeName%3Dn1").expect(200)
        #expect(names(onNode) == ["on-n1"])
        let unscheduled = try await cluster.get("/api/v1/pods?fieldSelector=spec.nodeName%3D").expect(200)
        #expect(names(unscheduled) == ["pending"])
        let notPending = try await cluster.get("/api/v1/namespaces/default/pods?fieldSelector=metadata.name!%3Dpending,status.phase%3DPending").expect(200)
        #expect(names(notPending) == ["on-n1", "on-n2"])

        let unsupportedPod = try await cluster.get("/api/v1/pods?fieldSelector=spec.priority%3D1").expect(400)
        #expect(unsupportedPod.message == "field label not supported: spec.priority")
        let unsupportedMap = try await cluster.get("/api/v1/configmaps?fieldSelector=data.key%3Dx").expect(400)
        #expect(unsupportedMap.message == "\"data.key\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")

        let event = Fixtures.yaml("""
        {apiVersion: v1, kind: Event, metadata: {name: e1, namespace: default},
         involvedObject: {kind: Pod, name: pending, namespace: default}, reason: FailedScheduling, type: Warning}
        """)
        try await cluster.post("/api/v1/namespaces/default/events", event).expect(201)
        let events = try await cluster.get("/api/v1/events?fieldSelector=involvedObject.kind%3DPod,involvedObject.name%3Dpending,reason%3DFailedScheduling").expect(200)
        #expect(names(events) == ["e1"])

        var cordoned = Fixtures.node("cordoned")
        cordoned["spec"] = .object(["unschedulable": .bool(true)])
        try await cluster.post("/api/v1/nodes", cordoned).expect(201)
        try await cluster.post("/api/v1/nodes", Fixtures.node("open")).expect(201)
        let schedulable = try await cluster.get("/api/v1/nodes?fieldSelector=spec.unschedulable%3Dfalse").expect(200)
        #expect(names(schedulable) == ["open"])
    }

    @Test func paginationWithContinueTokens() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { try await cluster.stop() } }
        for index in 1...5 {
            try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("cm-\(index)")).expect(201)
        }
        let first = try await cluster.get("/api/v1/namespaces/default/configmaps?limit=2").expect(200)
        #expect(names(first) == ["cm-1", "cm-2"])
        #expect(first["metadata", "remainingItemCount"]?.integerValue == 3)
        let token = try #require(first["metadata", "continue"]?.stringValue)
        let listVersion = first.body["metadata"]?["resourceVersion"]?.stringValue

        // Changes after the first page do not show up in the rest of this list.
        try await cluster.post("/api/v1/namespaces/default/configmaps", Fixtures.configMap("cm-9")).expect(201)
        try await cluster.delete("/api/v1/namespaces/default/configmaps/cm-4").expect(200)

        let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
        let second = try await cluster.get("/api/v1/namespaces/default/configmaps?limit=2&continue=\(encoded)").expect(200)
        #expect(names(second) == ["cm-3", "cm-4"])
        #expect(second["metadata", "resourceVersion"]?.stringValue == listVersion)
        let secondToken = try #require(second["metadata", "continue"]?.stringValue)
        let third = try await cluster.get("/api/v1/namespaces/default/configmaps?limit=2&continue=\(secondToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")").expect(200)
        #expect(names(third) == ["cm-5"])
        #expect(third["metadata", "continue"] == nil)

        // After compaction the token is too old.
        cluster.server.compactHistory()
        let expired = try await cluster.get("/api/v1/namespaces/default/configmaps?limit=2&continue=\(encoded)").expect(410)
        #expect(expired.reason == "Expired")
        #expect(expired.message.hasPrefix("The provided continue parameter is too old to display a consistent list result."))
        let fresh = try #require(expired["metadata", "continue"]?.stringValue)
        let inconsistent = try await cluster.get("/api/v1/namespaces/default/configmaps?limit=10&continue=\(fresh.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")").expect(200)
        #expect(names(inconsistent) == ["cm-3", "cm-5", "cm-9"])

        try await cluster.get("/api/v1/namespaces/default/configmaps?continue=garbage").expect(400)
    }

    @Test func selectorParsingUnits() throws {
        let selector = try LabelSelector.parse("a in (x, y),!b,c!=d")
        #expect(selector.requirements.count == 3)
        #expect(selector.matches(["a": "x", "c": "e"]))
        #expect(!selector.matches(["a": "x", "b": "1"]))
        #expect(throws: APIError.self) { try LabelSelector.parse("bad key=x") }
        let fields = try FieldSelector.parse("metadata.name=a\\,b,spec.nodeName!=")
        #expect(fields.requirements.map(\.value) == ["a,b", ""])
        #expect(throws: APIError.self) { try FieldSelector.parse("nooperator") }
    }
}
