import XCTest
@testable import KarpenterAPI

/// Every admission rule of AKSNodeClass (API.md section 1), accepting and rejecting side.
final class AKSNodeClassAdmissionTests: XCTestCase {
    private func spec(_ flow: String) -> JSONValue { Fixtures.nodeClass(spec: flow) }

    func testMinimalObjectsAreAcceptedInBothVersions() {
        assertAccepted(Fixtures.nodeClass(spec: "{}", apiVersion: "karpenter.azure.com/v1alpha2"))
        assertAccepted(Fixtures.nodeClass(spec: "{}", apiVersion: "karpenter.azure.com/v1beta1"))
        assertAccepted(Fixtures.nodeClass(spec: nil))
    }

    func testUnservedVersionIsRejected() {
        assertRejected(Fixtures.nodeClass(spec: "{}", apiVersion: "karpenter.azure.com/v1"), at: "apiVersion", reason: .notSupported)
    }

    // MARK: Enums (case-sensitive)

    func testEveryEnum() {
        let enums: [(path: String, valid: [String], invalid: [String])] = [
            ("imageFamily", ["Ubuntu", "Ubuntu2204", "Ubuntu2404", "AzureLinux"], ["ubuntu", "Ubuntu2004", "AZURELINUX", "Ubuntu 22.04"]),
            ("fipsMode", ["FIPS", "Disabled"], ["fips", "Enabled", "disabled"]),
            ("kubelet.cpuManagerPolicy", ["none", "static"], ["None", "Static", "dynamic"]),
            ("kubelet.topologyManagerPolicy", ["restricted", "best-effort", "none", "single-numa-node"], ["BestEffort", "best_effort", "Restricted"]),
            ("gpu.mode", ["Driver", "None"], ["driver", "none", "Disabled"]),
            ("linuxOSConfig.transparentHugePageEnabled", ["always", "madvise", "never"], ["Always", "defer", ""]),
            ("linuxOSConfig.transparentHugePageDefrag", ["always", "defer", "defer+madvise", "madvise", "never"], ["Never", "defer madvise", "madvise+defer"]),
        ]
        for entry in enums {
            for value in entry.valid {
                assertAccepted(Fixtures.nodeClass().setting("spec." + entry.path, .string(value)))
            }
            for value in entry.invalid {
                let result = assertRejected(Fixtures.nodeClass().setting("spec." + entry.path, .string(value)),
                                            at: "spec." + entry.path, reason: .notSupported)
                if value.lowercased() == "ubuntu" {
                    XCTAssertEqual(result.errors.first?.hint, "values are case-sensitive: write \"Ubuntu\"")
                }
            }
        }
    }

    func testLocalDNSModeEnum() {
        for mode in ["Preferred", "Required", "Disabled"] {
            assertAccepted(spec(Fixtures.localDNSSpec(mode: mode)))
        }
        for mode in ["preferred", "Enabled", "\"\""] {
            assertRejected(spec(Fixtures.localDNSSpec(mode: mode)), at: "spec.localDNS.mode", reason: .notSupported)
        }
    }

    func testZoneOverrideEnums() {
        let enums: [(field: String, valid: [String], invalid: [String])] = [
            ("queryLogging", ["Error", "Log"], ["error", "Debug"]),
            ("protocol", ["PreferUDP", "ForceTCP"], ["TCP", "preferudp"]),
            ("forwardPolicy", ["Sequential", "RoundRobin", "Random"], ["roundrobin", "Parallel"]),
            ("serveStale", ["Verify", "Immediate", "Disable"], ["verify", "Disabled"]),
            ("forwardDestination", ["VnetDNS"], ["vnetdns", "Azure"]),
        ]
        for entry in enums {
            for value in entry.valid {
                // serveStale Verify may not be combined with ForceTCP; keep the other field compatible.
                var fields = [entry.field: value]
                if entry.field == "protocol" { fields["serveStale"] = "Immediate" }
                let item = Fixtures.zone("example.com", "VnetDNS", fields)
                assertAccepted(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [item])))
            }
            for value in entry.invalid {
                let item = Fixtures.zone("example.com", "VnetDNS", [entry.field: value])
                assertRejected(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [item])),
                               at: "spec.localDNS.vnetDNSOverrides[2].\(entry.field)", reason: .notSupported)
                assertRejected(spec(Fixtures.localDNSSpec(kube: Fixtures.validKubeOverrides + [item])),
                               at: "spec.localDNS.kubeDNSOverrides[2].\(entry.field)", reason: .notSupported)
            }
        }
    }

    // MARK: Numeric bounds and types

    func testOSDiskSizeBounds() {
        assertRejected(spec("{osDiskSizeGB: 29}"), at: "spec.osDiskSizeGB", reason: .invalid, message: "greater than or equal to 30")
        assertAccepted(spec("{osDiskSizeGB: 30}"))
        assertAccepted(spec("{osDiskSizeGB: 2048}"))
        assertRejected(spec("{osDiskSizeGB: 2049}"), at: "spec.osDiskSizeGB", reason: .invalid, message: "less than or equal to 2048")
    }

    func testMaxPodsBounds() {
        assertRejected(spec("{maxPods: 9}"), at: "spec.maxPods", reason: .invalid)
        assertAccepted(spec("{maxPods: 10}"))
        assertAccepted(spec("{maxPods: 250}"))
        assertRejected(spec("{maxPods: 251}"), at: "spec.maxPods", reason: .invalid)
    }

    func testWrongTypesAreRejected() {
        assertRejected(spec("{osDiskSizeGB: \"128\"}"), at: "spec.osDiskSizeGB", reason: .typeInvalid)
        assertRejected(spec("{maxPods: 30.5}"), at: "spec.maxPods", reason: .typeInvalid)
        assertRejected(spec("{security: {encryptionAtHost: \"true\"}}"), at: "spec.security.encryptionAtHost", reason: .typeInvalid)
        assertRejected(spec("{kubelet: {allowedUnsafeSysctls: net.core.somaxconn}}"), at: "spec.kubelet.allowedUnsafeSysctls", reason: .typeInvalid)
        assertRejected(spec("{artifactStreaming: true}"), at: "spec.artifactStreaming", reason: .typeInvalid)
        assertAccepted(spec("{artifactStreaming: {enabled: true}, security: {encryptionAtHost: true}, kubelet: {podPidsLimit: 4096, cpuCFSQuotaPeriod: anything, allowedUnsafeSysctls: [\"net.*\"]}}"))
    }

    // MARK: vnetSubnetID

    func testVnetSubnetIDPattern() {
        let valid = [
            Fixtures.subnetID,
            "/subscriptions/sub/resourceGroups/my.rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
            "/subscriptions/sub/resourceGroups/rg(1)_x-y/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
            "/subscriptions/sub/resourceGroups/\(String(repeating: "r", count: 90))/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
            "/SUBSCRIPTIONS/sub/RESOURCEGROUPS/rg/PROVIDERS/MICROSOFT.NETWORK/VIRTUALNETWORKS/v/SUBNETS/s",
            "/subscriptions/sub/resourcegroups/rg/providers/microsoft.network/virtualnetworks/v/subnets/s",
            // RE2's negated class [^/] matches a line break, so a trailing newline passes the API server.
            "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s\n",
        ]
        let invalid = [
            "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/virtualNetworks/v/subnets/s",
            "/subscriptions/sub/resourceGroups/rg./providers/Microsoft.Network/virtualNetworks/v/subnets/s",
            "/subscriptions/sub/resourceGroups/\(String(repeating: "r", count: 91))/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
            "/subscriptions/sub/resourceGroups//providers/Microsoft.Network/virtualNetworks/v/subnets/s",
            "/subscriptions/sub/resourceGroups/r g/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
            "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/",
            "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s/extra",
            "subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
        ]
        for id in valid { assertAccepted(Fixtures.nodeClass().setting("spec.vnetSubnetID", .string(id))) }
        for id in invalid {
            assertRejected(Fixtures.nodeClass().setting("spec.vnetSubnetID", .string(id)), at: "spec.vnetSubnetID", reason: .invalid)
        }
    }

    // MARK: Quantity-like patterns

    func testContainerLogMaxSizeAndSwapFileSizePatterns() {
        let valid = ["50Mi", "1G", "10Ki", "100E", "0M", "5Pi"]
        let invalid = ["50", "50MB", "1.5Gi", "Mi", "50mi", "-50Mi", "50 Mi", "50Mi\n", "\u{0665}\u{0660}Mi"]
        for size in valid {
            assertAccepted(Fixtures.nodeClass().setting("spec.kubelet.containerLogMaxSize", .string(size)))
            assertAccepted(spec("{kubelet: {failSwapOn: false}, linuxOSConfig: {swapFileSize: \"\(size)\"}}"))
        }
        for size in invalid {
            assertRejected(Fixtures.nodeClass().setting("spec.kubelet.containerLogMaxSize", .string(size)),
                           at: "spec.kubelet.containerLogMaxSize", reason: .invalid)
            assertRejected(spec("{kubelet: {failSwapOn: false}}").setting("spec.linuxOSConfig.swapFileSize", .string(size)),
                           at: "spec.linuxOSConfig.swapFileSize", reason: .invalid)
        }
    }

    func testContainerLogMaxFilesMinimum() {
        assertRejected(spec("{kubelet: {containerLogMaxFiles: 1}}"), at: "spec.kubelet.containerLogMaxFiles", reason: .invalid)
        assertAccepted(spec("{kubelet: {containerLogMaxFiles: 2}}"))
    }

    // MARK: Image GC thresholds

    func testImageGCBounds() {
        assertAccepted(spec("{kubelet: {imageGCHighThresholdPercent: 100, imageGCLowThresholdPercent: 0}}"))
        assertRejected(spec("{kubelet: {imageGCHighThresholdPercent: 101}}"), at: "spec.kubelet.imageGCHighThresholdPercent", reason: .invalid)
        assertRejected(spec("{kubelet: {imageGCHighThresholdPercent: -1}}"), at: "spec.kubelet.imageGCHighThresholdPercent", reason: .invalid)
        assertRejected(spec("{kubelet: {imageGCLowThresholdPercent: 101}}"), at: "spec.kubelet.imageGCLowThresholdPercent", reason: .invalid)
        assertRejected(spec("{kubelet: {imageGCLowThresholdPercent: -1}}"), at: "spec.kubelet.imageGCLowThresholdPercent", reason: .invalid)
    }

    func testImageGCHighMustExceedLow() {
        let message = "imageGCHighThresholdPercent must be greater than imageGCLowThresholdPercent"
        assertAccepted(spec("{kubelet: {imageGCHighThresholdPercent: 85, imageGCLowThresholdPercent: 80}}"))
        assertRejected(spec("{kubelet: {imageGCHighThresholdPercent: 80, imageGCLowThresholdPercent: 80}}"),
                       at: "spec.kubelet", reason: .ruleFailed, message: message)
        assertRejected(spec("{kubelet: {imageGCHighThresholdPercent: 70, imageGCLowThresholdPercent: 80}}"),
                       at: "spec.kubelet", reason: .ruleFailed, message: message)
        assertAccepted(spec("{kubelet: {imageGCHighThresholdPercent: 10}}"))
        assertAccepted(spec("{kubelet: {imageGCLowThresholdPercent: 90}}"))
    }

    // MARK: FIPS / trusted launch matrix (API.md 1.2)

    func testFIPSTrustedLaunchMatrix() {
        let fips = "FIPS is not yet supported for Ubuntu2404"
        let needsTL = "TrustedLaunch is required for FIPS support with Ubuntu2204"
        let tlFamilies = "TrustedLaunch with FIPSMode FIPS is only supported for Ubuntu and Ubuntu2204"
        // (imageFamily, rules failing for FIPS without TL, rules failing for FIPS with TL); without FIPS nothing fails.
        let matrix: [(String?, [String], [String])] = [
            (nil, [], []),
            ("Ubuntu", [], []),
            ("Ubuntu2204", [needsTL], []),
            ("Ubuntu2404", [fips], [fips, tlFamilies]),
            ("AzureLinux", [], [tlFamilies]),
        ]
        let trustedLaunchOn = ["{vtpm: true}", "{secureBoot: true}", "{vtpm: true, secureBoot: true}", "{vtpm: false, secureBoot: true}"]
        for (family, withoutTL, withTL) in matrix {
            let familyField = family.map { "imageFamily: \($0), " } ?? ""
            check("{\(familyField)fipsMode: FIPS}", expect: withoutTL)
            check("{\(familyField)fipsMode: FIPS, security: {trustedLaunch: {vtpm: false, secureBoot: false}}}", expect: withoutTL)
            check("{\(familyField)fipsMode: FIPS, security: {encryptionAtHost: true}}", expect: withoutTL)
            check("{\(familyField)fipsMode: FIPS, security: {trustedLaunch: {}}}", expect: withoutTL)
            for tl in trustedLaunchOn {
                check("{\(familyField)fipsMode: FIPS, security: {trustedLaunch: \(tl)}}", expect: withTL)
            }
            // No FIPS: every family, with or without trusted launch.
            check("{\(familyField)fipsMode: Disabled}", expect: [])
            check("{\(familyField)fipsMode: Disabled, security: {trustedLaunch: {vtpm: true, secureBoot: true}}}", expect: [])
            check("{\(familyField)security: {trustedLaunch: {vtpm: true, secureBoot: true}}}", expect: [])
            check("{\(familyField)security: {trustedLaunch: {vtpm: false}}}", expect: [])
        }
    }

    private func check(_ flow: String, expect messages: [String], file: StaticString = #filePath, line: UInt = #line) {
        if messages.isEmpty {
            assertAccepted(spec(flow), file: file, line: line)
        } else {
            let result = assertRejected(spec(flow), at: "spec", reason: .ruleFailed, file: file, line: line)
            let fired = ruleMessages(result)
            XCTAssertEqual(fired.count, messages.count, "\(flow): \(fired)", file: file, line: line)
            for message in messages {
                XCTAssertTrue(fired.contains { $0.hasSuffix(message) }, "\(flow) should fail \"\(message)\"; got \(fired)", file: file, line: line)
            }
        }
    }

    // MARK: Swap

    func testSwapFileSizeNeedsFailSwapOnFalse() {
        let message = "kubelet.failSwapOn must be set to false when linuxOSConfig.swapFileSize is specified"
        assertRejected(spec("{linuxOSConfig: {swapFileSize: 1Gi}}"), at: "spec", reason: .ruleFailed, message: message)
        assertRejected(spec("{kubelet: {}, linuxOSConfig: {swapFileSize: 1Gi}}"), at: "spec", reason: .ruleFailed, message: message)
        assertRejected(spec("{kubelet: {failSwapOn: true}, linuxOSConfig: {swapFileSize: 1Gi}}"), at: "spec", reason: .ruleFailed, message: message)
        assertAccepted(spec("{kubelet: {failSwapOn: false}, linuxOSConfig: {swapFileSize: 1Gi}}"))
        assertAccepted(spec("{kubelet: {failSwapOn: true}}"))
        assertAccepted(spec("{kubelet: {failSwapOn: true}, linuxOSConfig: {transparentHugePageEnabled: never}}"))
        assertAccepted(spec("{linuxOSConfig: {}}"))
    }

    // MARK: Tags

    private func tags(_ key: String, _ value: String = "v") -> JSONValue {
        var map = Fixtures.value("{}")
        map[key] = .string(value)
        return Fixtures.nodeClass().setting("spec.tags", map)
    }

    func testTagRules() {
        assertAccepted(spec("{tags: {}}"))
        assertAccepted(spec("{tags: {team: platform, cost-center: \"1234\", \"\": empty}}"))
        assertAccepted(tags(String(repeating: "k", count: 512)))
        assertRejected(tags(String(repeating: "k", count: 513)), at: "spec.tags", reason: .ruleFailed, message: "tags keys must be less than 512 characters")
        for bad in ["<", ">", "%", "&", "?"] {
            assertRejected(tags("a\(bad)b"), at: "spec.tags", reason: .ruleFailed, message: "tags keys must not contain '<', '>', '%', '&', or '?'")
        }
        assertRejected(tags("a\\b"), at: "spec.tags", reason: .ruleFailed, message: "tags keys must not contain '\\'")
        // A combining mark after the backslash does not hide it: CEL compares code points.
        assertRejected(tags("a\\\u{0301}"), at: "spec.tags", reason: .ruleFailed, message: "tags keys must not contain '\\'")
        assertAccepted(tags("kubernetes.io/cluster/name"))
        assertAccepted(tags("k", String(repeating: "v", count: 256)))
        assertRejected(tags("k", String(repeating: "v", count: 257)), at: "spec.tags", reason: .ruleFailed, message: "tags values must be less than 256 characters")
        assertRejected(spec("{tags: {count: 5}}"), at: "spec.tags[count]", reason: .typeInvalid)
        // A null map value is pruned before validation, like a null field.
        let pruned = assertAccepted(spec("{tags: {owner: null, team: a}}"))
        XCTAssertEqual(pruned.defaulted.at("spec.tags"), Fixtures.value("{team: a}"))
        assertRejected(spec("{tags: [a, b]}"), at: "spec.tags", reason: .typeInvalid)
    }

    func testSeveralFailingTagRulesAreAllReported() {
        let result = assertRejected(tags(String(repeating: "<", count: 513), String(repeating: "v", count: 257)), at: "spec.tags")
        XCTAssertEqual(ruleMessages(result).count, 3)
    }

    // MARK: LocalDNS

    func testLocalDNSValidConfigurations() {
        assertAccepted(spec(Fixtures.localDNSSpec()))
        let extraVnet = [Fixtures.zone("example.com", "VnetDNS"), Fixtures.zone("svc.cluster.local", "ClusterCoreDNS"),
                         Fixtures.zone("corp.example.com", "VnetDNS", ["cacheDuration": "2h15m30s"])]
        let extraKube = [Fixtures.zone("example.com", "ClusterCoreDNS"), Fixtures.zone("contoso.internal", "VnetDNS")]
        assertAccepted(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + extraVnet, kube: Fixtures.validKubeOverrides + extraKube)))
        // The root zone may be forwarded to ClusterCoreDNS from kubeDNSOverrides, and to VnetDNS.
        assertAccepted(spec(Fixtures.localDNSSpec(kube: [Fixtures.zone(".", "VnetDNS"), Fixtures.zone("cluster.local", "ClusterCoreDNS")])))
    }

    func testLocalDNSRequiredChildren() {
        assertRejected(spec("{localDNS: {}}"),
                       at: ["spec.localDNS.mode", "spec.localDNS.vnetDNSOverrides", "spec.localDNS.kubeDNSOverrides"], reason: .required)
        assertRejected(spec("{localDNS: {mode: Disabled, kubeDNSOverrides: []}}"), at: "spec.localDNS.vnetDNSOverrides", reason: .required)
        for field in ["zone", "queryLogging", "protocol", "forwardDestination", "forwardPolicy", "maxConcurrent", "cacheDuration", "serveStaleDuration", "serveStale"] {
            let object = spec(Fixtures.localDNSSpec())
            var items = object.at("spec.localDNS.vnetDNSOverrides")!.arrayValue!
            items[1][field] = nil
            assertRejected(object.setting("spec.localDNS.vnetDNSOverrides", .array(items)),
                           at: "spec.localDNS.vnetDNSOverrides[1].\(field)", reason: .required)
        }
    }

    func testZonePattern() {
        let valid = ["cluster.local.", "my_zone.example.com", "a-b.c", "a", "1.2.3.in-addr.arpa",
                     String(repeating: "a", count: 63) + ".com"]
        let invalid = ["..", "-a.com", "a-.com", "a..b", "a b", "_a.com", "a_.com", String(repeating: "a", count: 64) + ".com", ".com", "*.example.com"]
        for name in valid {
            assertAccepted(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [Fixtures.zone(name, "VnetDNS")])))
        }
        for name in invalid {
            assertRejected(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [Fixtures.zone(name, "VnetDNS")])),
                           at: "spec.localDNS.vnetDNSOverrides[2].zone", reason: .invalid)
        }
        assertRejected(spec(Fixtures.localDNSSpec(kube: Fixtures.validKubeOverrides + [Fixtures.zone("", "VnetDNS")])),
                       at: "spec.localDNS.kubeDNSOverrides[2].zone")
        let long = Array(repeating: String(repeating: "a", count: 50), count: 5).joined(separator: ".") + ".abcd"
        XCTAssertEqual(long.count, 259)
        assertRejected(spec(Fixtures.localDNSSpec(kube: Fixtures.validKubeOverrides + [Fixtures.zone(long, "VnetDNS")])),
                       at: "spec.localDNS.kubeDNSOverrides[2].zone", reason: .tooLong)
    }

    func testDuplicateZonesAreRejected() {
        let vnet = Fixtures.validVnetOverrides + [Fixtures.zone(".", "VnetDNS", ["forwardPolicy": "Random"])]
        assertRejected(spec(Fixtures.localDNSSpec(vnet: vnet)), at: "spec.localDNS.vnetDNSOverrides[2]", reason: .duplicate)
        let kube = [Fixtures.zone("cluster.local", "ClusterCoreDNS")] + Fixtures.validKubeOverrides
        assertRejected(spec(Fixtures.localDNSSpec(kube: kube)), at: "spec.localDNS.kubeDNSOverrides[2]", reason: .duplicate)
    }

    func testOverrideListsNeedRootAndClusterLocal() {
        let message = "must contain required zones '.' and 'cluster.local'"
        assertRejected(spec(Fixtures.localDNSSpec(vnet: [Fixtures.zone(".", "VnetDNS")])),
                       at: "spec.localDNS.vnetDNSOverrides", reason: .ruleFailed, message: message)
        assertRejected(spec(Fixtures.localDNSSpec(vnet: [Fixtures.zone("cluster.local", "ClusterCoreDNS")])),
                       at: "spec.localDNS.vnetDNSOverrides", reason: .ruleFailed, message: message)
        assertRejected(spec(Fixtures.localDNSSpec(vnet: [])), at: "spec.localDNS.vnetDNSOverrides", reason: .ruleFailed, message: message)
        assertRejected(spec(Fixtures.localDNSSpec(kube: [Fixtures.zone("cluster.local", "ClusterCoreDNS")])),
                       at: "spec.localDNS.kubeDNSOverrides", reason: .ruleFailed, message: message)
        assertRejected(spec(Fixtures.localDNSSpec(kube: [Fixtures.zone(".", "ClusterCoreDNS"), Fixtures.zone("cluster.local.", "ClusterCoreDNS")])),
                       at: "spec.localDNS.kubeDNSOverrides", reason: .ruleFailed, message: message)
    }

    func testVnetOverrideForwardingRules() {
        assertRejected(spec(Fixtures.localDNSSpec(vnet: [Fixtures.zone(".", "ClusterCoreDNS"), Fixtures.zone("cluster.local", "ClusterCoreDNS")])),
                       at: "spec.localDNS.vnetDNSOverrides", reason: .ruleFailed,
                       message: "root zone '.' cannot be forwarded to ClusterCoreDNS from vnetDNSOverrides")
        assertRejected(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [Fixtures.zone("example.com", "ClusterCoreDNS")])),
                       at: "spec.localDNS.vnetDNSOverrides", reason: .ruleFailed,
                       message: "external domains cannot be forwarded to ClusterCoreDNS from vnetDNSOverrides")
        assertAccepted(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [Fixtures.zone("svc.cluster.local", "ClusterCoreDNS")])))
    }

    func testClusterLocalCannotGoToVnetDNS() {
        let message = "'cluster.local' cannot be forwarded to VnetDNS"
        assertRejected(spec(Fixtures.localDNSSpec(vnet: [Fixtures.zone(".", "VnetDNS"), Fixtures.zone("cluster.local", "VnetDNS")])),
                       at: "spec.localDNS.vnetDNSOverrides[1]", reason: .ruleFailed, message: message)
        assertRejected(spec(Fixtures.localDNSSpec(kube: [Fixtures.zone(".", "ClusterCoreDNS"), Fixtures.zone("cluster.local", "VnetDNS")])),
                       at: "spec.localDNS.kubeDNSOverrides[1]", reason: .ruleFailed, message: message)
        // A plain suffix test: subdomains and "foocluster.local" count too.
        for zone in ["svc.cluster.local", "foocluster.local"] {
            assertRejected(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [Fixtures.zone(zone, "VnetDNS")])),
                           at: "spec.localDNS.vnetDNSOverrides[2]", reason: .ruleFailed, message: message)
            assertRejected(spec(Fixtures.localDNSSpec(kube: Fixtures.validKubeOverrides + [Fixtures.zone(zone, "VnetDNS")])),
                           at: "spec.localDNS.kubeDNSOverrides[2]", reason: .ruleFailed, message: message)
        }
        // "cluster.local." (trailing dot) does not end with cluster.local, so it may use VnetDNS...
        assertAccepted(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [Fixtures.zone("cluster.local.", "VnetDNS")])))
        // ...and counts as an external domain, which vnetDNSOverrides may not send to ClusterCoreDNS.
        assertRejected(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [Fixtures.zone("cluster.local.", "ClusterCoreDNS")])),
                       at: "spec.localDNS.vnetDNSOverrides", reason: .ruleFailed,
                       message: "external domains cannot be forwarded to ClusterCoreDNS from vnetDNSOverrides")
    }

    func testServeStaleVerifyWithForceTCP() {
        let message = "serveStale Verify cannot be used with protocol ForceTCP"
        let bad = Fixtures.zone("example.com", "VnetDNS", ["protocol": "ForceTCP", "serveStale": "Verify"])
        assertRejected(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [bad])),
                       at: "spec.localDNS.vnetDNSOverrides[2]", reason: .ruleFailed, message: message)
        assertRejected(spec(Fixtures.localDNSSpec(kube: Fixtures.validKubeOverrides + [bad])),
                       at: "spec.localDNS.kubeDNSOverrides[2]", reason: .ruleFailed, message: message)
        for serveStale in ["Immediate", "Disable"] {
            let item = Fixtures.zone("example.com", "VnetDNS", ["protocol": "ForceTCP", "serveStale": serveStale])
            assertAccepted(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [item])))
        }
    }

    func testCacheDurationPatterns() {
        for duration in ["1h", "2h15m30s", "30s", "0s", "90m", "1h1h"] {
            let item = Fixtures.zone("example.com", "VnetDNS", ["cacheDuration": duration, "serveStaleDuration": duration])
            assertAccepted(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [item])))
        }
        for duration in ["1d", "1.5h", "100ms", "\"\"", "h", "-1h", "1H", "Never"] {
            for field in ["cacheDuration", "serveStaleDuration"] {
                let item = Fixtures.zone("example.com", "VnetDNS", [field: duration])
                assertRejected(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [item])),
                               at: "spec.localDNS.vnetDNSOverrides[2].\(field)", reason: .invalid)
            }
        }
    }

    func testMaxConcurrentMinimum() {
        let ok = Fixtures.zone("example.com", "VnetDNS", ["maxConcurrent": "0"])
        assertAccepted(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [ok])))
        let bad = Fixtures.zone("example.com", "VnetDNS", ["maxConcurrent": "-1"])
        assertRejected(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + [bad])),
                       at: "spec.localDNS.vnetDNSOverrides[2].maxConcurrent", reason: .invalid)
    }

    func testOverrideListMaxItems() {
        let extra = (0..<98).map { Fixtures.zone("z\($0).example.com", "VnetDNS") }
        assertAccepted(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + extra)))
        let tooMany = extra + [Fixtures.zone("one-more.example.com", "VnetDNS")]
        assertRejected(spec(Fixtures.localDNSSpec(vnet: Fixtures.validVnetOverrides + tooMany)),
                       at: "spec.localDNS.vnetDNSOverrides", reason: .tooMany)
    }

    // MARK: Sysctls

    static let sysctlRanges: [(String, Int64, Int64)] = [
        ("fsAioMaxNr", 65536, 6553500), ("fsFileMax", 8192, 12000500), ("fsInotifyMaxUserWatches", 781250, 2097152),
        ("fsNrOpen", 8192, 20000500), ("kernelThreadsMax", 20, 513785), ("netCoreNetdevMaxBacklog", 1000, 3240000),
        ("netCoreOptmemMax", 20480, 4194304), ("netCoreRmemDefault", 212992, 134217728), ("netCoreRmemMax", 212992, 134217728),
        ("netCoreWmemDefault", 212992, 134217728), ("netCoreWmemMax", 212992, 134217728), ("netCoreSomaxconn", 4096, 3240000),
        ("netIPv4NeighDefaultGcThresh1", 128, 80000), ("netIPv4NeighDefaultGcThresh2", 512, 90000),
        ("netIPv4NeighDefaultGcThresh3", 1024, 100000), ("netIPv4TCPFinTimeout", 5, 120), ("netIPv4TCPKeepaliveIntvl", 10, 90),
        ("netIPv4TCPKeepaliveProbes", 1, 15), ("netIPv4TCPKeepaliveTime", 30, 432000), ("netIPv4TCPMaxSynBacklog", 128, 3240000),
        ("netIPv4TCPMaxTwBuckets", 8000, 1440000), ("netNetfilterNfConntrackBuckets", 65536, 524288),
        ("netNetfilterNfConntrackMax", 131072, 2097152), ("vmMaxMapCount", 65530, 262144), ("vmSwappiness", 0, 100),
        ("vmVfsCachePressure", 0, 100),
    ]

    func testEverySysctlRangeAtBothBounds() {
        XCTAssertEqual(Self.sysctlRanges.count, 26)
        for (field, minimum, maximum) in Self.sysctlRanges {
            let path = "spec.linuxOSConfig.sysctls.\(field)"
            assertAccepted(Fixtures.nodeClass().setting(path, .int(minimum)))
            assertAccepted(Fixtures.nodeClass().setting(path, .int(maximum)))
            assertRejected(Fixtures.nodeClass().setting(path, .int(minimum - 1)), at: path, reason: .invalid)
            assertRejected(Fixtures.nodeClass().setting(path, .int(maximum + 1)), at: path, reason: .invalid)
        }
    }

    func testSysctlTypes() {
        assertAccepted(spec("{linuxOSConfig: {sysctls: {netIPv4TCPTwReuse: true}}}"))
        assertRejected(spec("{linuxOSConfig: {sysctls: {netIPv4TCPTwReuse: \"true\"}}}"),
                       at: "spec.linuxOSConfig.sysctls.netIPv4TCPTwReuse", reason: .typeInvalid)
        assertRejected(spec("{linuxOSConfig: {sysctls: {vmSwappiness: \"60\"}}}"),
                       at: "spec.linuxOSConfig.sysctls.vmSwappiness", reason: .typeInvalid)
        assertRejected(spec("{linuxOSConfig: {sysctls: {vmSwapiness: 60}}}"),
                       at: "spec.linuxOSConfig.sysctls.vmSwapiness", reason: .unknownField)
    }

    func testSysctlPairRules() {
        let path = "spec.linuxOSConfig.sysctls"
        func sysctls(_ flow: String) -> JSONValue { spec("{linuxOSConfig: {sysctls: \(flow)}}") }
        assertAccepted(sysctls("{netCoreRmemDefault: 212992, netCoreRmemMax: 212992}"))
        assertRejected(sysctls("{netCoreRmemDefault: 300000, netCoreRmemMax: 212992}"), at: path, reason: .ruleFailed,
                       message: "netCoreRmemDefault must be <= netCoreRmemMax")
        assertAccepted(sysctls("{netCoreRmemDefault: 300000}"))
        assertAccepted(sysctls("{netCoreWmemDefault: 212992, netCoreWmemMax: 400000}"))
        assertRejected(sysctls("{netCoreWmemDefault: 400001, netCoreWmemMax: 400000}"), at: path, reason: .ruleFailed,
                       message: "netCoreWmemDefault must be <= netCoreWmemMax")
        assertAccepted(sysctls("{netIPv4NeighDefaultGcThresh1: 4096, netIPv4NeighDefaultGcThresh2: 4096, netIPv4NeighDefaultGcThresh3: 4096}"))
        assertRejected(sysctls("{netIPv4NeighDefaultGcThresh1: 5000, netIPv4NeighDefaultGcThresh2: 4096}"), at: path, reason: .ruleFailed,
                       message: "netIPv4NeighDefaultGcThresh1 must be <= netIPv4NeighDefaultGcThresh2")
        assertRejected(sysctls("{netIPv4NeighDefaultGcThresh2: 5000, netIPv4NeighDefaultGcThresh3: 4096}"), at: path, reason: .ruleFailed,
                       message: "netIPv4NeighDefaultGcThresh2 must be <= netIPv4NeighDefaultGcThresh3")
        // Only adjacent pairs are compared: thresh1 > thresh3 without thresh2 is accepted.
        assertAccepted(sysctls("{netIPv4NeighDefaultGcThresh1: 2000, netIPv4NeighDefaultGcThresh3: 1500}"))
    }

    func testLocalPortRange() {
        let path = "spec.linuxOSConfig.sysctls"
        func range(_ text: String) -> JSONValue {
            Fixtures.nodeClass().setting("spec.linuxOSConfig.sysctls.netIPv4IPLocalPortRange", .string(text))
        }
        for valid in ["1024 65535", "32768 60999", "60999 60999", "1024 32768", "01024 32768"] {
            assertAccepted(range(valid))
        }
        assertRejected(range("1023 40000"), at: path, reason: .ruleFailed, message: "netIPv4IPLocalPortRange first port must be in [1024, 60999]")
        assertRejected(range("61000 65000"), at: path, reason: .ruleFailed, message: "netIPv4IPLocalPortRange first port must be in [1024, 60999]")
        assertRejected(range("1024 32767"), at: path, reason: .ruleFailed, message: "netIPv4IPLocalPortRange last port must be in [32768, 65535]")
        assertRejected(range("1024 65536"), at: path, reason: .ruleFailed, message: "netIPv4IPLocalPortRange last port must be in [32768, 65535]")
        let reversed = assertRejected(range("50000 40000"), at: path, reason: .ruleFailed, message: "netIPv4IPLocalPortRange first port must be <= last port")
        XCTAssertEqual(ruleMessages(reversed).count, 1)
        // Non-numeric and malformed values fail the pattern before any rule runs.
        for malformed in ["abc def", "1024-65535", "1024  65535", "1024", " 1024 65535", "1024 65535\n", "\u{0661}\u{0660}\u{0662}\u{0664} 40000"] {
            assertRejected(range(malformed), at: "spec.linuxOSConfig.sysctls.netIPv4IPLocalPortRange", reason: .invalid)
        }
        // Digits that overflow int() make the rules fail to evaluate, which rejects the object.
        let overflow = assertRejected(range("99999999999999999999 40000"), at: path, reason: .ruleFailed)
        XCTAssertEqual(ruleMessages(overflow).count, 2, "the first-port and ordering rules cannot be evaluated")
    }

    // MARK: Unknown fields

    func testUnknownFieldsAreRejectedWithTheirPath() {
        let result = assertRejected(spec("{imageFamly: Ubuntu}"), at: "spec.imageFamly", reason: .unknownField)
        XCTAssertEqual(result.errors.first?.hint, "did you mean `imageFamily`?")
        assertRejected(spec("{kubelet: {maxPods: 30}}"), at: "spec.kubelet.maxPods", reason: .unknownField)
        assertRejected(spec("{security: {trustedLaunch: {vTPM: true}}}"), at: "spec.security.trustedLaunch.vTPM", reason: .unknownField)
        assertRejected(Fixtures.nodeClass().setting("extra", .bool(true)), at: "extra", reason: .unknownField)
        assertRejected(Fixtures.nodeClass().setting("metadata.labelz", yaml: "{a: b}"), at: "metadata.labelz", reason: .unknownField)
    }

    func testStatusIsIgnored() {
        assertAccepted(Fixtures.nodeClass().setting("status", yaml: "{kubernetesVersion: 5, bogus: true}"))
    }

    // MARK: Warnings

    func testDeprecatedV1alpha2Warning() {
        let result = assertAccepted(Fixtures.nodeClass(spec: "{}", apiVersion: "karpenter.azure.com/v1alpha2"))
        XCTAssertEqual(result.warnings.count, 1)
        XCTAssertEqual(result.warnings.first?.path.description, "apiVersion")
        XCTAssertEqual(result.warnings.first?.reason, .notPortable)
        XCTAssertTrue(result.warnings.first?.message.contains("deprecated") ?? false)
        XCTAssertTrue(assertAccepted(Fixtures.nodeClass(spec: "{}")).warnings.isEmpty)
    }
}
