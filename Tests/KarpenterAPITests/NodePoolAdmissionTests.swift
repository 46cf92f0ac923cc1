import XCTest
@testable import KarpenterAPI

/// Every admission rule of the `karpenter.sh/v1` NodePool (API.md section 2) and of v1beta1 (section 5).
final class NodePoolAdmissionTests: XCTestCase {
    private let pool = Fixtures.nodePool()
    private let requirementsPath = "spec.template.spec.requirements"

    private func requirements(_ flow: String) -> JSONValue { Fixtures.nodePool(requirements: flow) }
    private func disruption(_ flow: String) -> JSONValue { pool.setting("spec.disruption", yaml: flow) }
    private func budgets(_ flow: String) -> JSONValue { disruption("{consolidateAfter: 0s, budgets: \(flow)}") }

    func testValidNodePoolIsAccepted() {
        assertAccepted(pool)
        assertAccepted(requirements("[]"))
    }

    // MARK: Required structure

    func testRequiredFields() {
        assertRejected(pool.removing("spec"), at: "spec", reason: .required)
        assertRejected(pool.setting("spec", yaml: "{}"), at: "spec.template", reason: .required)
        assertRejected(pool.setting("spec.template", yaml: "{}"), at: "spec.template.spec", reason: .required)
        assertRejected(pool.setting("spec.template.spec", yaml: "{}"),
                       at: ["spec.template.spec.nodeClassRef", "spec.template.spec.requirements"], reason: .required)
        assertRejected(pool.removing("spec.template.spec.requirements"), at: "spec.template.spec.requirements", reason: .required)
        for field in ["group", "kind", "name"] {
            assertRejected(pool.removing("spec.template.spec.nodeClassRef.\(field)"),
                           at: "spec.template.spec.nodeClassRef.\(field)", reason: .required)
        }
        assertRejected(requirements("[{key: example.com/team}]"), at: "spec.template.spec.requirements[0].operator", reason: .required)
        assertRejected(requirements("[{operator: Exists}]"), at: "spec.template.spec.requirements[0].key", reason: .required)
        assertRejected(requirements("[null]"), at: "spec.template.spec.requirements[0]", reason: .typeInvalid)
    }

    func testNodeClassRef() {
        for field in ["group", "kind", "name"] {
            assertRejected(pool.setting("spec.template.spec.nodeClassRef.\(field)", .string("")),
                           at: "spec.template.spec.nodeClassRef.\(field)", reason: .ruleFailed, message: "\(field) may not be empty")
        }
        assertRejected(pool.setting("spec.template.spec.nodeClassRef.group", .string("karpenter.azure.com/v1beta1")),
                       at: "spec.template.spec.nodeClassRef.group", reason: .invalid)
        assertAccepted(pool.setting("spec.template.spec.nodeClassRef", yaml: "{group: example.com, kind: Other, name: x}"))
        assertRejected(pool.setting("spec.template.spec.nodeClassRef.apiVersion", .string("karpenter.azure.com/v1beta1")),
                       at: "spec.template.spec.nodeClassRef.apiVersion", reason: .unknownField)
    }

    // MARK: Weight, replicas, limits

    func testWeightBounds() {
        assertRejected(pool.setting("spec.weight", .int(0)), at: "spec.weight", reason: .invalid)
        assertAccepted(pool.setting("spec.weight", .int(1)))
        assertAccepted(pool.setting("spec.weight", .int(100)))
        assertRejected(pool.setting("spec.weight", .int(101)), at: "spec.weight", reason: .invalid)
    }

    func testReplicasRules() {
        assertAccepted(pool.setting("spec.replicas", .int(3)))
        assertAccepted(pool.setting("spec.replicas", .int(0)))
        assertRejected(pool.setting("spec.replicas", .int(-1)), at: "spec.replicas", reason: .invalid)
        let limits = "only 'limits.nodes' is supported on static NodePools"
        assertAccepted(pool.setting("spec.replicas", .int(3)).setting("spec.limits", yaml: "{nodes: 10}"))
        assertAccepted(pool.setting("spec.replicas", .int(3)).setting("spec.limits", yaml: "{}"))
        assertRejected(pool.setting("spec.replicas", .int(3)).setting("spec.limits", yaml: "{cpu: 10}"),
                       at: "spec", reason: .ruleFailed, message: limits)
        assertRejected(pool.setting("spec.replicas", .int(3)).setting("spec.limits", yaml: "{nodes: 5, cpu: 10}"),
                       at: "spec", reason: .ruleFailed, message: limits)
        assertRejected(pool.setting("spec.replicas", .int(3)).setting("spec.weight", .int(10)),
                       at: "spec", reason: .ruleFailed, message: "'weight' is not supported on static NodePools")
        assertAccepted(pool.setting("spec.weight", .int(10)).setting("spec.limits", yaml: "{cpu: 10, memory: 100Gi}"))
    }

    func testLimitsQuantities() {
        assertAccepted(pool.setting("spec.limits", yaml: "{cpu: 100, memory: 1000Gi, nodes: \"10\", gpu: \"1.5\", pods: 500m, disk: \"1e3\", x: +1, y: \".5\", z: 2E}"))
        for bad in ["abc", "1.5.5", "10GB", "1 Gi", "Gi", "1Gi\n", "\u{0661}"] {
            assertRejected(pool.setting("spec.limits", Fixtures.value("{}").setting("cpu", .string(bad))),
                           at: "spec.limits[cpu]", reason: .invalid)
        }
        assertRejected(pool.setting("spec.limits", yaml: "{cpu: true}"), at: "spec.limits[cpu]", reason: .typeInvalid)
        assertRejected(pool.setting("spec.limits", yaml: "{cpu: 1.5}"), at: "spec.limits[cpu]", reason: .typeInvalid)
    }

    // MARK: Durations

    func testConsolidateAfterPattern() {
        for value in ["0s", "30s", "1h30m", "Never", "720h"] {
            assertAccepted(disruption("{consolidateAfter: \(value)}"))
        }
        for value in ["1d", "1hr", "-1s", "never", "\"\"", "FooNever", "Never1", "1.5h", "10ms"] {
            assertRejected(disruption("{consolidateAfter: \(value)}"), at: "spec.disruption.consolidateAfter", reason: .invalid)
        }
        assertRejected(disruption("{consolidationPolicy: WhenEmpty}"), at: "spec.disruption.consolidateAfter", reason: .required)
        assertRejected(disruption("{}"), at: "spec.disruption.consolidateAfter", reason: .required)
    }

    func testExpireAfterAndTerminationGracePeriodPatterns() {
        for value in ["Never", "24h", "1h30m", "0s"] {
            assertAccepted(pool.setting("spec.template.spec.expireAfter", .string(value)))
        }
        for value in ["1d", "Never ", "forever", "1w"] {
            assertRejected(pool.setting("spec.template.spec.expireAfter", .string(value)), at: "spec.template.spec.expireAfter", reason: .invalid)
        }
        for value in ["48h", "30s", "1h1m1s"] {
            assertAccepted(pool.setting("spec.template.spec.terminationGracePeriod", .string(value)))
        }
        for value in ["Never", "1d", "-1h", ""] {
            assertRejected(pool.setting("spec.template.spec.terminationGracePeriod", .string(value)),
                           at: "spec.template.spec.terminationGracePeriod", reason: .invalid)
        }
    }

    func testConsolidationPolicyEnum() {
        for policy in ["WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced"] {
            assertAccepted(disruption("{consolidateAfter: 1m, consolidationPolicy: \(policy)}"))
        }
        for policy in ["WhenUnderutilized", "whenEmpty", "Never"] {
            assertRejected(disruption("{consolidateAfter: 1m, consolidationPolicy: \(policy)}"),
                           at: "spec.disruption.consolidationPolicy", reason: .notSupported)
        }
    }

    // MARK: Budgets

    func testBudgetNodes() {
        for nodes in ["0", "10%", "100%", "0%", "5", "1000", "9%"] {
            assertAccepted(budgets("[{nodes: \"\(nodes)\"}]"))
        }
        for nodes in ["101%", "-1", "10.5%", "abc", "%", "1000%", "10 %", ""] {
            assertRejected(budgets("[{nodes: \"\(nodes)\"}]"), at: "spec.disruption.budgets[0].nodes", reason: .invalid)
        }
        assertRejected(budgets("[{nodes: 5}]"), at: "spec.disruption.budgets[0].nodes", reason: .typeInvalid)
    }

    func testBudgetSchedule() {
        for schedule in ["@annually", "@yearly", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "0 9 * * 1-5", "*/5 * * * *", "0 0 1 1 *"] {
            assertAccepted(budgets("[{nodes: \"0\", schedule: \"\(schedule)\", duration: 10m}]"))
        }
        for schedule in ["daily", "@every 5m", "0 9 * *", "@reboot", ""] {
            assertRejected(budgets("[{nodes: \"0\", schedule: \"\(schedule)\", duration: 10m}]"),
                           at: "spec.disruption.budgets[0].schedule", reason: .invalid)
        }
    }

    func testBudgetDuration() {
        for duration in ["10m", "2h", "2h20m", "1h0m0s", "2h20m0s", "90m"] {
            assertAccepted(budgets("[{nodes: \"0\", schedule: \"@daily\", duration: \(duration)}]"))
        }
        for duration in ["30s", "1h30s", "-10m", "10", "1d", "1h30m15s", "Never"] {
            assertRejected(budgets("[{nodes: \"0\", schedule: \"@daily\", duration: \"\(duration)\"}]"),
                           at: "spec.disruption.budgets[0].duration", reason: .invalid)
        }
    }

    func testScheduleAndDurationGoTogether() {
        let message = "'schedule' must be set with 'duration'"
        assertRejected(budgets("[{nodes: \"0\", schedule: \"@daily\"}]"), at: "spec.disruption.budgets", reason: .ruleFailed, message: message)
        assertRejected(budgets("[{nodes: \"10%\"}, {nodes: \"0\", duration: 10m}]"), at: "spec.disruption.budgets", reason: .ruleFailed, message: message)
    }

    func testBudgetReasons() {
        assertAccepted(budgets("[{nodes: \"0\", reasons: [Underutilized, Empty, Drifted]}]"))
        assertAccepted(budgets("[{nodes: \"0\", reasons: []}]"))
        assertRejected(budgets("[{nodes: \"0\", reasons: [underutilized]}]"), at: "spec.disruption.budgets[0].reasons[0]", reason: .notSupported)
        assertRejected(budgets("[{nodes: \"0\", reasons: [Expired]}]"), at: "spec.disruption.budgets[0].reasons[0]", reason: .notSupported)
        assertRejected(budgets("[{nodes: \"0\", reasons: [Empty, Drifted, Empty]}]"), at: "spec.disruption.budgets[0].reasons[2]", reason: .duplicate)
    }

    func testBudgetsMaxItems() {
        let fifty = "[" + Array(repeating: "{nodes: \"1\"}", count: 50).joined(separator: ", ") + "]"
        assertAccepted(budgets(fifty))
        let fiftyOne = "[" + Array(repeating: "{nodes: \"1\"}", count: 51).joined(separator: ", ") + "]"
        assertRejected(budgets(fiftyOne), at: "spec.disruption.budgets", reason: .tooMany)
    }

    // MARK: Requirement keys

    func testRequirementKeyPattern() {
        for key in ["a", "example.com/Foo_Bar.1", "team", "my-domain.io/a-b", "A1"] {
            assertAccepted(requirements("[{key: \"\(key)\", operator: Exists}]"))
        }
        for key in ["Foo.com/bar", "example.com/-bad", "foo bar", "-foo", "example.com/", "/bar", "a/b/c", "foo_", "example..com/x", ""] {
            assertRejected(requirements("[{key: \"\(key)\", operator: Exists}]"), at: "spec.template.spec.requirements[0].key", reason: .invalid)
        }
    }

    func testRequirementKeyMaxLength() {
        let ok = String(repeating: "a", count: 316)
        let result = assertAccepted(requirements("[{key: \(ok), operator: Exists}]"))
        XCTAssertTrue(result.warnings.contains { $0.reason == .runtimeInvalid && $0.path.description == "spec.template.spec.requirements[0].key" },
                      "a 316-character key passes admission but not Karpenter's qualified-name check")
        assertRejected(requirements("[{key: \(ok)a, operator: Exists}]"), at: "spec.template.spec.requirements[0].key", reason: .tooLong)
    }

    /// (key, the restriction message it triggers or nil when allowed) for NodePools at HEAD.
    static let restrictedKeys: [(String, String?)] = [
        ("karpenter.sh/capacity-type", nil),
        ("karpenter.sh/nodepool", "label \"karpenter.sh/nodepool\" is restricted"),
        ("karpenter.sh/custom", "label domain \"karpenter.sh\" is restricted"),
        ("karpenter.sh", "label domain \"karpenter.sh\" is restricted"),
        ("mykarpenter.sh/x", "label domain \"karpenter.sh\" is restricted"),
        ("foo.karpenter.sh/x", "label domain \"karpenter.sh\" is restricted"),
        ("karpenter.shx/y", nil),
        ("kubernetes.io/hostname", "label \"kubernetes.io/hostname\" is restricted"),
        ("kubernetes.io/arch", nil),
        ("topology.kubernetes.io/zone", nil),
        ("example.kubernetes.io/foo", nil),
        ("k8s.io/foo", nil),
        ("node.kubernetes.io/instance-type", nil),
        ("karpenter.azure.com/aksnodeclass", nil),
        ("karpenter.azure.com/sku-name", nil),
        ("karpenter.azure.com/sku-family", nil),
        ("karpenter.azure.com/sku-series", nil),
        ("karpenter.azure.com/sku-version", nil),
        ("karpenter.azure.com/sku-cpu", nil),
        ("karpenter.azure.com/sku-memory", nil),
        ("karpenter.azure.com/sku-networking-accelerated", nil),
        ("karpenter.azure.com/sku-storage-premium-capable", nil),
        ("karpenter.azure.com/sku-storage-ultra-ssd", nil),
        ("karpenter.azure.com/sku-storage-ephemeralos-maxsize", nil),
        ("karpenter.azure.com/sku-gpu-name", nil),
        ("karpenter.azure.com/sku-gpu-manufacturer", nil),
        ("karpenter.azure.com/sku-gpu-count", nil),
        ("karpenter.azure.com/placement-scope", nil),
        ("karpenter.azure.com/sku-hyperv-generation", "label domain \"karpenter.azure.com\" is restricted"),
        ("karpenter.azure.com/sku-accelerator", "label domain \"karpenter.azure.com\" is restricted"),
        ("karpenter.azure.com/zone", "label domain \"karpenter.azure.com\" is restricted"),
        ("sub.karpenter.azure.com/x", "label domain \"karpenter.azure.com\" is restricted"),
        ("kubernetes.azure.com/mode", nil),
        ("kubernetes.azure.com/scalesetpriority", nil),
        ("kubernetes.azure.com/priority", nil),
        ("kubernetes.azure.com/fips_enabled", nil),
        ("kubernetes.azure.com/os-sku", nil),
        ("kubernetes.azure.com/cluster", nil),
        ("kubernetes.azure.com/sku-cpu", nil),
        ("kubernetes.azure.com/sku-memory", nil),
        ("kubernetes.azure.com/ebpf-dataplane", nil),
        ("kubernetes.azure.com/ebpf-host-routing", nil),
        ("kubernetes.azure.com/network-policy", nil),
        ("kubernetes.azure.com/hostedvm", nil),
        ("kubernetes.azure.com/agentpool", "label domain \"kubernetes.azure.com\" is restricted"),
        ("kubernetes.azure.com/role", "label domain \"kubernetes.azure.com\" is restricted"),
        ("agentpool", "label \"agentpool\" is restricted"),
        ("storageprofile", "label \"storageprofile\" is restricted"),
        ("storagetier", "label \"storagetier\" is restricted"),
        ("accelerator", "label \"accelerator\" is restricted"),
        ("example.com/accelerator", nil),
        ("Agentpool", nil),
    ]

    func testRestrictedRequirementKeys() {
        for (key, message) in Self.restrictedKeys {
            let object = requirements("[{key: \"\(key)\", operator: Exists}]")
            if let message {
                let result = assertRejected(object, at: "spec.template.spec.requirements[0].key", reason: .ruleFailed, message: message)
                XCTAssertEqual(ruleMessages(result).count, 1, "\(key): \(ruleMessages(result))")
            } else {
                assertAccepted(object)
            }
        }
    }

    func testRestrictedTemplateLabelKeys() {
        for (key, message) in Self.restrictedKeys {
            var labels = Fixtures.value("{team: a}")
            labels[key] = .string("value")
            let object = pool.setting("spec.template.metadata.labels", labels)
            if let message {
                let result = assertRejected(object, at: "spec.template.metadata.labels", reason: .ruleFailed, message: message)
                XCTAssertEqual(ruleMessages(result).count, 1, "\(key): \(ruleMessages(result))")
            } else {
                assertAccepted(object)
            }
        }
    }

    // MARK: Operators and values

    func testOperators() {
        let valid = [
            "{key: example.com/a, operator: In, values: [x]}", "{key: example.com/a, operator: NotIn, values: [x]}",
            "{key: example.com/a, operator: NotIn}", "{key: example.com/a, operator: Exists}",
            "{key: example.com/a, operator: DoesNotExist}", "{key: example.com/a, operator: Gt, values: [\"1\"]}",
            "{key: example.com/a, operator: Lt, values: [\"10\"]}", "{key: example.com/a, operator: Gte, values: [\"0\"]}",
            "{key: example.com/a, operator: Lte, values: [\"5\"]}",
        ]
        for requirement in valid { assertAccepted(requirements("[\(requirement)]")) }
        for op in ["in", "Equals", "exists", "\"\""] {
            assertRejected(requirements("[{key: example.com/a, operator: \(op), values: [x]}]"),
                           at: "spec.template.spec.requirements[0].operator", reason: .notSupported)
        }
    }

    func testInNeedsValues() {
        let message = "requirements with operator 'In' must have a value defined"
        assertRejected(requirements("[{key: example.com/a, operator: In}]"), at: requirementsPath, reason: .ruleFailed, message: message)
        assertRejected(requirements("[{key: example.com/a, operator: Exists}, {key: example.com/b, operator: In, values: []}]"),
                       at: requirementsPath, reason: .ruleFailed, message: message)
    }

    func testNumericOperatorsNeedOneNonNegativeInteger() {
        let message = "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value"
        for op in ["Gt", "Lt", "Gte", "Lte"] {
            assertAccepted(requirements("[{key: example.com/a, operator: \(op), values: [\"0\"]}]"))
            for values in ["[\"1\", \"2\"]", "[\"-1\"]", "[abc]", "[\"1.5\"]", "[]", "[\"\"]"] {
                assertRejected(requirements("[{key: example.com/a, operator: \(op), values: \(values)}]"),
                               at: requirementsPath, reason: .ruleFailed, message: message)
            }
            assertRejected(requirements("[{key: example.com/a, operator: \(op)}]"), at: requirementsPath, reason: .ruleFailed, message: message)
        }
    }

    func testMinValues() {
        let values50 = "[" + (1...50).map { "v\($0)" }.joined(separator: ", ") + "]"
        assertRejected(requirements("[{key: example.com/a, operator: In, values: [a], minValues: 0}]"),
                       at: "spec.template.spec.requirements[0].minValues", reason: .invalid)
        assertAccepted(requirements("[{key: example.com/a, operator: In, values: [a], minValues: 1}]"))
        assertAccepted(requirements("[{key: example.com/a, operator: In, values: \(values50), minValues: 50}]"))
        assertRejected(requirements("[{key: example.com/a, operator: In, values: \(values50), minValues: 51}]"),
                       at: "spec.template.spec.requirements[0].minValues", reason: .invalid)
        let message = "requirements with 'minValues' must have at least that many values specified in the 'values' field"
        assertRejected(requirements("[{key: example.com/a, operator: In, values: [a, b], minValues: 3}]"),
                       at: requirementsPath, reason: .ruleFailed, message: message)
        // Duplicates count at admission; the rule only applies to In.
        assertAccepted(requirements("[{key: example.com/a, operator: In, values: [a, a], minValues: 2}]"))
        assertAccepted(requirements("[{key: example.com/a, operator: NotIn, values: [a], minValues: 3}]"))
        assertAccepted(requirements("[{key: example.com/a, operator: Exists, minValues: 3}]"))
    }

    func testValuesArrayIgnoresStringKeywords() {
        // maxLength/pattern sit on the array node in the CRD, where the API server ignores them.
        let long = String(repeating: "v", count: 100)
        let result = assertAccepted(requirements("[{key: example.com/a, operator: In, values: [\(long), \"-bad-\"]}]"))
        XCTAssertEqual(result.warnings.filter { $0.reason == .runtimeInvalid }.count, 2)
        assertRejected(requirements("[{key: example.com/a, operator: In, values: [1]}]"),
                       at: "spec.template.spec.requirements[0].values[0]", reason: .typeInvalid)
    }

    func testRequirementsMaxItems() {
        let hundred = "[" + (0..<100).map { "{key: example.com/k\($0), operator: Exists}" }.joined(separator: ", ") + "]"
        assertAccepted(requirements(hundred))
        let hundredOne = "[" + (0..<101).map { "{key: example.com/k\($0), operator: Exists}" }.joined(separator: ", ") + "]"
        assertRejected(requirements(hundredOne), at: requirementsPath, reason: .tooMany)
    }

    // MARK: Template labels

    func testTemplateLabelValues() {
        func labels(_ value: JSONValue) -> JSONValue {
            var map = Fixtures.value("{}")
            map["team"] = value
            return pool.setting("spec.template.metadata.labels", map)
        }
        for value in ["", "a", "my.value_1-x", String(repeating: "x", count: 63)] {
            assertAccepted(labels(.string(value)))
        }
        for value in ["-bad", "bad-", "a b", "a/b", "\u{00e9}", "v\n"] {
            assertRejected(labels(.string(value)), at: "spec.template.metadata.labels[team]", reason: .invalid)
        }
        assertRejected(labels(.string(String(repeating: "x", count: 64))), at: "spec.template.metadata.labels[team]", reason: .tooLong)
        assertRejected(labels(.int(5)), at: "spec.template.metadata.labels[team]", reason: .typeInvalid)
        assertAccepted(pool.setting("spec.template.metadata.annotations", yaml: "{example.com/anything: \"any value at all / ok\"}"))
    }

    func testTemplateLabelsMaxProperties() {
        func labels(_ count: Int) -> JSONValue {
            var map = Fixtures.value("{}")
            for index in 0..<count { map["example.com/l\(index)"] = .string("v") }
            return pool.setting("spec.template.metadata.labels", map)
        }
        assertAccepted(labels(100))
        assertRejected(labels(101), at: "spec.template.metadata.labels", reason: .tooMany)
    }

    func testTemplateLabelKeysAreNotPatternChecked() {
        // Keys are only checked by the restriction rules at admission; Karpenter flags them at runtime.
        var map = Fixtures.value("{}")
        map["Not A Valid/Key!"] = .string("v")
        let result = assertAccepted(pool.setting("spec.template.metadata.labels", map))
        XCTAssertTrue(result.warnings.contains { $0.reason == .runtimeInvalid })
    }

    // MARK: Taints

    func testTaints() {
        for list in ["taints", "startupTaints"] {
            let path = "spec.template.spec.\(list)"
            func taints(_ flow: String) -> JSONValue { pool.setting(path, yaml: flow) }
            assertAccepted(taints("[{key: example.com/gpu, value: \"true\", effect: NoSchedule}, {key: dedicated, effect: NoExecute}, {key: a, effect: PreferNoSchedule, timeAdded: \"2024-01-01T00:00:00Z\"}]"))
            assertRejected(taints("[{key: \"\", effect: NoSchedule}]"), at: "\(path)[0].key")
            assertRejected(taints("[{key: \"bad key\", effect: NoSchedule}]"), at: "\(path)[0].key", reason: .invalid)
            assertRejected(taints("[{key: a, value: \"???\", effect: NoSchedule}]"), at: "\(path)[0].value", reason: .invalid)
            assertRejected(taints("[{key: a, effect: NoScheduled}]"), at: "\(path)[0].effect", reason: .notSupported)
            assertRejected(taints("[{key: a}]"), at: "\(path)[0].effect", reason: .required)
            assertRejected(taints("[{effect: NoSchedule}]"), at: "\(path)[0].key", reason: .required)
            assertRejected(taints("[{key: a, effect: NoSchedule, timeAdded: yesterday}]"), at: "\(path)[0].timeAdded", reason: .invalid)
        }
    }

    func testDuplicateTaintsAreAcceptedWithAWarning() {
        let result = assertAccepted(pool
            .setting("spec.template.spec.taints", yaml: "[{key: a, effect: NoSchedule}]")
            .setting("spec.template.spec.startupTaints", yaml: "[{key: a, effect: NoSchedule}]"))
        XCTAssertEqual(result.warnings.map(\.path.description), ["spec.template.spec.startupTaints[0]"])
    }

    // MARK: Unknown fields

    func testUnknownFieldsAreRejectedWithTheirPath() {
        assertRejected(pool.setting("spec.foo", .bool(true)), at: "spec.foo", reason: .unknownField)
        assertRejected(pool.setting("spec.template.spec.kubelet", yaml: "{maxPods: 30}"), at: "spec.template.spec.kubelet", reason: .unknownField)
        assertRejected(pool.setting("spec.disruption", yaml: "{consolidateAfter: 0s, expireAfter: 720h}"),
                       at: "spec.disruption.expireAfter", reason: .unknownField)
        assertRejected(pool.setting("spec.template.metadata.name", .string("x")), at: "spec.template.metadata.name", reason: .unknownField)
        let typo = assertRejected(requirements("[{key: example.com/a, operator: In, value: [x]}]"),
                                  at: "spec.template.spec.requirements[0].value", reason: .unknownField)
        XCTAssertEqual(typo.errors.first?.hint, "did you mean `values`?")
        assertRejected(budgets("[{nodes: \"1\", reason: [Empty]}]"), at: "spec.disruption.budgets[0].reason", reason: .unknownField)
    }

    // MARK: Warnings

    func testNearMissKeyWarning() {
        let result = assertAccepted(requirements("[{key: topology.kubernetes.io/zones, operator: In, values: [westeurope-1]}]"))
        let warning = result.warnings.first { $0.reason == .likelyTypo }
        XCTAssertEqual(warning?.path.description, "spec.template.spec.requirements[0].key")
        XCTAssertEqual(warning?.hint, "did you mean topology.kubernetes.io/zone?")
    }

    func testUnknownCapacityTypeValueWarning() {
        let result = assertAccepted(requirements("[{key: karpenter.sh/capacity-type, operator: In, values: [Spot]}]"))
        let warning = result.warnings.first { $0.path.description == "spec.template.spec.requirements[0].values" }
        XCTAssertEqual(warning?.reason, .runtimeInvalid, "no known value at all: the NodePool can never launch")
        XCTAssertEqual(warning?.hint, "did you mean spot?")
        let partly = assertAccepted(requirements("[{key: karpenter.sh/capacity-type, operator: In, values: [spot, reserved]}]"))
        XCTAssertEqual(partly.warnings.map(\.reason), [.unknownValue])
        XCTAssertTrue(assertAccepted(pool).warnings.isEmpty)
    }

    func testPinnedCapacityTypeAndZoneWarning() {
        let result = assertAccepted(requirements("""
        [{key: karpenter.sh/capacity-type, operator: In, values: [spot]}, {key: topology.kubernetes.io/zone, operator: In, values: [westeurope-1]}]
        """))
        XCTAssertEqual(result.warnings.map(\.reason), [.limitedFlexibility])
        XCTAssertEqual(result.warnings.first?.path.description, requirementsPath)
        let flexible = assertAccepted(requirements("""
        [{key: karpenter.sh/capacity-type, operator: In, values: [spot]}, {key: topology.kubernetes.io/zone, operator: In, values: [westeurope-1, westeurope-2]}]
        """))
        XCTAssertTrue(flexible.warnings.isEmpty)
    }

    func testNoWarningsWhenRejected() {
        let result = assertRejected(requirements("[{key: topology.kubernetes.io/zones, operator: In}]"), at: requirementsPath)
        XCTAssertTrue(result.warnings.isEmpty)
    }
}

/// The `karpenter.sh/v1beta1` NodePool, validated against its own (v0.6.3) schema.
final class NodePoolV1beta1AdmissionTests: XCTestCase {
    private let pool = Fixtures.nodePoolV1beta1()

    func testValidV1beta1IsAcceptedWithADeprecationWarning() {
        let result = assertAccepted(pool)
        XCTAssertEqual(result.warnings.map(\.path.description), ["apiVersion"])
        assertAccepted(pool.setting("spec.template.spec.kubelet", yaml: "{maxPods: 110, imageGCHighThresholdPercent: 85, imageGCLowThresholdPercent: 80}"))
        assertAccepted(pool.setting("spec.template.spec.nodeClassRef", yaml: "{apiVersion: karpenter.azure.com/v1alpha2, kind: AKSNodeClass, name: default}"))
    }

    func testConsolidationPolicies() {
        assertAccepted(pool.setting("spec.disruption", yaml: "{consolidationPolicy: WhenUnderutilized}"))
        assertAccepted(pool.setting("spec.disruption", yaml: "{consolidationPolicy: WhenUnderutilized, consolidateAfter: Never}"))
        assertAccepted(pool.setting("spec.disruption", yaml: "{consolidationPolicy: WhenEmpty, consolidateAfter: 30s}"))
        assertRejected(pool.setting("spec.disruption", yaml: "{consolidationPolicy: WhenUnderutilized, consolidateAfter: 30s}"),
                       at: "spec.disruption", reason: .ruleFailed, message: "consolidateAfter cannot be combined with consolidationPolicy=WhenUnderutilized")
        assertRejected(pool.setting("spec.disruption", yaml: "{consolidateAfter: 30s}"),
                       at: "spec.disruption", reason: .ruleFailed, message: "consolidateAfter cannot be combined with consolidationPolicy=WhenUnderutilized")
        assertRejected(pool.setting("spec.disruption", yaml: "{consolidationPolicy: WhenEmpty}"),
                       at: "spec.disruption", reason: .ruleFailed, message: "consolidateAfter must be specified with consolidationPolicy=WhenEmpty")
        for policy in ["WhenEmptyOrUnderutilized", "Balanced"] {
            assertRejected(pool.setting("spec.disruption", yaml: "{consolidationPolicy: \(policy), consolidateAfter: 30s}"),
                           at: "spec.disruption.consolidationPolicy", reason: .notSupported)
        }
    }

    func testUngroupedDurationPatternQuirk() {
        // ^(([0-9]+(s|m|h))+)|(Never)$: anything starting with a duration or ending with Never passes.
        for value in ["1hr", "FooNever", "30s", "Never"] {
            assertAccepted(pool.setting("spec.disruption", yaml: "{consolidationPolicy: WhenEmpty, consolidateAfter: \(value)}"))
            assertAccepted(pool.setting("spec.disruption.expireAfter", .string(value)))
        }
        for value in ["hour", "Never more", "1d"] {
            assertRejected(pool.setting("spec.disruption", yaml: "{consolidationPolicy: WhenEmpty, consolidateAfter: \(value)}"),
                           at: "spec.disruption.consolidateAfter", reason: .invalid)
        }
    }

    func testV1beta1RequirementRules() {
        assertRejected(Fixtures.nodePoolV1beta1(requirements: "[{key: topology.kubernetes.io/zone, operator: In, values: [westeurope-1]}]"),
                       at: "spec.template.spec.requirements[0].key", reason: .ruleFailed, message: "label domain \"kubernetes.io\" is restricted")
        assertAccepted(Fixtures.nodePoolV1beta1(requirements: "[{key: node.kubernetes.io/instance-type, operator: In, values: [Standard_D2s_v3]}]"))
        assertRejected(Fixtures.nodePoolV1beta1(requirements: "[{key: example.com/a, operator: Gte, values: [\"1\"]}]"),
                       at: "spec.template.spec.requirements[0].operator", reason: .notSupported)
        let thirtyOne = "[" + (0..<31).map { "{key: example.com/k\($0), operator: Exists}" }.joined(separator: ", ") + "]"
        assertRejected(Fixtures.nodePoolV1beta1(requirements: thirtyOne), at: "spec.template.spec.requirements", reason: .tooMany)
    }

    func testResourcesMustBeEmpty() {
        assertAccepted(pool.setting("spec.template.spec.resources", yaml: "{}"))
        assertRejected(pool.setting("spec.template.spec.resources", yaml: "{requests: {cpu: 1}}"),
                       at: "spec.template.spec.resources", reason: .tooMany)
    }
}
