import Foundation
import XCTest
@testable import KarpenterAPI

final class KarpenterModelTests: XCTestCase {
    private func tree(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    /// Decoding then encoding gives back the same tree: every field name in the fixture is known.
    private func assertLossless<T: Codable>(_ type: T.Type, _ json: String, file: StaticString = #filePath, line: UInt = #line) throws -> T {
        let input = try tree(json)
        let value = try input.decode(T.self)
        XCTAssertEqual(try JSONValue.encode(value), input, file: file, line: line)
        return value
    }

    static let fullNodeClassJSON = """
    {"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass",
     "metadata": {"name": "default", "generation": 3},
     "spec": {
       "vnetSubnetID": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes",
       "osDiskSizeGB": 128, "imageFamily": "Ubuntu2204", "fipsMode": "FIPS",
       "tags": {"team": "platform", "cost/center": "42"},
       "kubelet": {"cpuManagerPolicy": "static", "cpuCFSQuota": true, "cpuCFSQuotaPeriod": "100ms",
         "imageGCHighThresholdPercent": 85, "imageGCLowThresholdPercent": 80, "topologyManagerPolicy": "best-effort",
         "allowedUnsafeSysctls": ["net.core.somaxconn", "kernel.msg*"], "containerLogMaxSize": "50Mi",
         "containerLogMaxFiles": 5, "podPidsLimit": 4096, "failSwapOn": false},
       "maxPods": 110,
       "security": {"encryptionAtHost": true, "trustedLaunch": {"vtpm": true, "secureBoot": false}},
       "localDNS": {"mode": "Preferred",
         "vnetDNSOverrides": [
           {"zone": ".", "queryLogging": "Error", "protocol": "PreferUDP", "forwardDestination": "VnetDNS",
            "forwardPolicy": "Sequential", "maxConcurrent": 1000, "cacheDuration": "1h", "serveStaleDuration": "1h", "serveStale": "Verify"},
           {"zone": "cluster.local", "queryLogging": "Log", "protocol": "ForceTCP", "forwardDestination": "ClusterCoreDNS",
            "forwardPolicy": "RoundRobin", "maxConcurrent": 0, "cacheDuration": "2h15m30s", "serveStaleDuration": "30s", "serveStale": "Immediate"}],
         "kubeDNSOverrides": [
           {"zone": ".", "queryLogging": "Error", "protocol": "PreferUDP", "forwardDestination": "ClusterCoreDNS",
            "forwardPolicy": "Random", "maxConcurrent": 1000, "cacheDuration": "1h", "serveStaleDuration": "1h", "serveStale": "Disable"},
           {"zone": "cluster.local", "queryLogging": "Error", "protocol": "PreferUDP", "forwardDestination": "ClusterCoreDNS",
            "forwardPolicy": "Sequential", "maxConcurrent": 1000, "cacheDuration": "1h", "serveStaleDuration": "1h", "serveStale": "Verify"}]},
       "gpu": {"mode": "None"},
       "artifactStreaming": {"enabled": true},
       "linuxOSConfig": {"swapFileSize": "1500Mi", "transparentHugePageEnabled": "madvise", "transparentHugePageDefrag": "defer+madvise",
         "sysctls": {"fsAioMaxNr": 65536, "fsFileMax": 8192, "fsInotifyMaxUserWatches": 781250, "fsNrOpen": 8192,
           "kernelThreadsMax": 20, "netCoreNetdevMaxBacklog": 1000, "netCoreOptmemMax": 20480, "netCoreRmemDefault": 212992,
           "netCoreRmemMax": 212992, "netCoreSomaxconn": 4096, "netCoreWmemDefault": 212992, "netCoreWmemMax": 212992,
           "netIPv4IPLocalPortRange": "32768 60999", "netIPv4NeighDefaultGcThresh1": 128, "netIPv4NeighDefaultGcThresh2": 512,
           "netIPv4NeighDefaultGcThresh3": 1024, "netIPv4TCPFinTimeout": 5, "netIPv4TCPKeepaliveIntvl": 10,
           "netIPv4TCPKeepaliveProbes": 1, "netIPv4TCPKeepaliveTime": 30, "netIPv4TCPMaxSynBacklog": 128,
           "netIPv4TCPMaxTwBuckets": 8000, "netIPv4TCPTwReuse": true, "netNetfilterNfConntrackBuckets": 65536,
           "netNetfilterNfConntrackMax": 131072, "vmMaxMapCount": 65530, "vmSwappiness": 0, "vmVfsCachePressure": 100}}
     },
     "status": {
       "conditions": [{"type": "Ready", "status": "True", "reason": "Ready", "message": "", "lastTransitionTime": "2025-03-01T10:00:00Z", "observedGeneration": 3},
                      {"type": "ImagesReady", "status": "True", "reason": "ImagesReady", "lastTransitionTime": "2025-03-01T10:00:00Z", "observedGeneration": 3}],
       "images": [{"id": "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2containerd/versions/202503.01.0",
                   "requirements": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"]},
                                    {"key": "karpenter.azure.com/sku-hyperv-generation", "operator": "In", "values": ["2"]}]}],
       "kubernetesVersion": "1.31.2", "localDNSState": "Enabled"}}
    """

    func testDecodesFullAKSNodeClassLosslessly() throws {
        let nodeClass = try assertLossless(AKSNodeClass.self, Self.fullNodeClassJSON)
        let spec = try XCTUnwrap(nodeClass.spec)
        XCTAssertEqual(spec.imageFamily, .ubuntu2204)
        XCTAssertEqual(spec.fipsMode, .fips)
        XCTAssertEqual(spec.tags?["cost/center"], "42")
        XCTAssertEqual(spec.kubelet?.cpuManagerPolicy, .static)
        XCTAssertEqual(spec.kubelet?.topologyManagerPolicy, .bestEffort)
        XCTAssertEqual(spec.kubelet?.podPidsLimit, 4096)
        XCTAssertEqual(spec.kubelet?.failSwapOn, false)
        XCTAssertEqual(spec.maxPods, 110)
        XCTAssertEqual(spec.security?.trustedLaunch?.isOn, true)
        XCTAssertEqual(spec.localDNS?.mode, .preferred)
        XCTAssertEqual(spec.localDNS?.vnetDNSOverrides?.map(\.zone), [".", "cluster.local"])
        XCTAssertEqual(spec.localDNS?.vnetDNSOverrides?[1].forwardDestination, .clusterCoreDNS)
        XCTAssertEqual(spec.localDNS?.kubeDNSOverrides?[0].serveStale, .disable)
        XCTAssertEqual(spec.gpu?.mode, .noDriver)
        XCTAssertEqual(spec.artifactStreaming?.enabled, true)
        XCTAssertEqual(spec.linuxOSConfig?.transparentHugePageDefrag, .deferMadvise)
        XCTAssertEqual(spec.linuxOSConfig?.sysctls?.netIPv4IPLocalPortRange, "32768 60999")
        XCTAssertEqual(spec.linuxOSConfig?.sysctls?.netIPv4TCPTwReuse, true)
        XCTAssertEqual(spec.linuxOSConfig?.sysctls?.vmVfsCachePressure, 100)
        let status = try XCTUnwrap(nodeClass.status)
        XCTAssertEqual(status.conditions?.condition(ConditionType.imagesReady)?.observedGeneration, 3)
        XCTAssertEqual(status.images?.first?.requirements.count, 2)
        XCTAssertEqual(status.kubernetesVersion, "1.31.2")
        XCTAssertEqual(status.localDNSState, .enabled)
    }

    func testAKSNodeClassWithoutSpecStaysWithoutSpec() throws {
        let nodeClass = try tree(#"{"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass", "metadata": {"name": "bare"}}"#)
            .decode(AKSNodeClass.self)
        XCTAssertNil(nodeClass.spec, "an absent spec is not defaulted, so it must stay absent")
        XCTAssertNil(try JSONValue.encode(TrustedLaunch(vtpm: false))["secureBoot"])
        XCTAssertFalse(TrustedLaunch(vtpm: false, secureBoot: false).isOn)
    }

    static let nodePoolJSON = """
    {"apiVersion": "karpenter.sh/v1", "kind": "NodePool", "metadata": {"name": "general", "generation": 2},
     "spec": {
       "template": {
         "metadata": {"labels": {"team": "platform"}, "annotations": {"example.com/owner": "sre"}},
         "spec": {
           "nodeClassRef": {"group": "karpenter.azure.com", "kind": "AKSNodeClass", "name": "default"},
           "requirements": [
             {"key": "karpenter.sh/capacity-type", "operator": "In", "values": ["spot", "on-demand"], "minValues": 2},
             {"key": "karpenter.azure.com/sku-cpu", "operator": "Lt", "values": ["33"]},
             {"key": "kubernetes.io/arch", "operator": "Exists"}],
           "taints": [{"key": "dedicated", "value": "general", "effect": "NoSchedule"}],
           "startupTaints": [{"key": "node.cilium.io/agent-not-ready", "value": "true", "effect": "NoExecute"}],
           "expireAfter": "720h", "terminationGracePeriod": "48h"}},
       "disruption": {"consolidateAfter": "1m", "consolidationPolicy": "WhenEmptyOrUnderutilized",
         "budgets": [{"nodes": "10%"}, {"nodes": "0", "schedule": "0 9 * * mon-fri", "duration": "8h", "reasons": ["Underutilized", "Drifted"]}]},
       "limits": {"cpu": "1000", "memory": "4000Gi"},
       "weight": 50},
     "status": {"resources": {"cpu": "12", "memory": "48Gi", "nodes": "3"}, "nodes": 3, "nodeClassObservedGeneration": 3,
       "conditions": [{"type": "Ready", "status": "True", "reason": "Ready", "message": "", "lastTransitionTime": "2025-03-01T10:00:00Z"}]}}
    """

    func testDecodesNodePoolLosslessly() throws {
        let nodePool = try assertLossless(NodePool.self, Self.nodePoolJSON)
        let template = nodePool.spec.template.spec
        XCTAssertEqual(template.nodeClassRef, NodeClassReference(name: "default"))
        XCTAssertEqual(template.requirements?.first?.minValues, 2)
        XCTAssertEqual(template.requirements?[1].operator, .lt)
        XCTAssertEqual(template.startupTaints?.first?.effect, .noExecute)
        XCTAssertEqual(template.expireAfter, "720h")
        XCTAssertEqual(template.terminationGracePeriod, "48h")
        XCTAssertEqual(nodePool.spec.template.metadata?.labels, ["team": "platform"])
        XCTAssertEqual(nodePool.spec.disruption.effectiveConsolidationPolicy, .whenEmptyOrUnderutilized)
        XCTAssertEqual(nodePool.spec.disruption.budgets?[1].reasons, [.underutilized, .drifted])
        XCTAssertEqual(nodePool.spec.limits?["memory"]?.description, "4000Gi")
        XCTAssertEqual(nodePool.spec.weight, 50)
        XCTAssertNil(nodePool.spec.replicas)
        XCTAssertEqual(nodePool.status?.nodes, 3)
        XCTAssertEqual(nodePool.status?.conditions?.condition("Ready")?.isTrue, true)
    }

    func testNodePoolDefaultsReadThroughAccessors() throws {
        let nodePool = try tree(#"{"apiVersion": "karpenter.sh/v1", "kind": "NodePool", "metadata": {"name": "np"}, "spec": {"template": {"spec": {}}}}"#)
            .decode(NodePool.self)
        XCTAssertEqual(nodePool.spec.disruption.effectiveConsolidationPolicy, .whenEmptyOrUnderutilized)
        XCTAssertEqual(nodePool.spec.disruption.effectiveBudgets, [Budget(nodes: "10%")])
        XCTAssertNil(nodePool.spec.template.spec.nodeClassRef, "missing required fields are left for validation")
    }

    func testDecodesNodeClaimLosslessly() throws {
        let nodeClaim = try assertLossless(NodeClaim.self, """
        {"apiVersion": "karpenter.sh/v1", "kind": "NodeClaim",
         "metadata": {"name": "general-8kx2p", "labels": {"karpenter.sh/nodepool": "general"},
           "annotations": {"karpenter.azure.com/aksnodeclass-hash": "123", "karpenter.azure.com/aksnodeclass-hash-version": "v3"},
           "ownerReferences": [{"apiVersion": "karpenter.sh/v1", "kind": "NodePool", "name": "general", "uid": "np-uid", "blockOwnerDeletion": true}],
           "finalizers": ["karpenter.sh/termination"]},
         "spec": {"nodeClassRef": {"group": "karpenter.azure.com", "kind": "AKSNodeClass", "name": "default"},
           "requirements": [{"key": "node.kubernetes.io/instance-type", "operator": "In", "values": ["Standard_D4s_v5", "Standard_D8s_v5"]},
                            {"key": "karpenter.sh/nodepool", "operator": "In", "values": ["general"]}],
           "taints": [{"key": "dedicated", "value": "general", "effect": "NoSchedule"}],
           "resources": {"requests": {"cpu": "2150m", "memory": "4Gi", "pods": "7"}},
           "expireAfter": "Never", "terminationGracePeriod": "1h"},
         "status": {"providerID": "azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/aks-general-8kx2p",
           "imageID": "/CommunityGalleries/x/images/y/versions/z", "nodeName": "aks-general-8kx2p",
           "capacity": {"cpu": "4", "memory": "16Gi", "pods": "110"}, "allocatable": {"cpu": "3860m", "memory": "12Gi", "pods": "110"},
           "lastPodEventTime": "2025-03-01T10:09:00Z",
           "conditions": [{"type": "Launched", "status": "True", "reason": "", "lastTransitionTime": "2025-03-01T10:00:00Z"},
                          {"type": "Drifted", "status": "Unknown", "reason": "", "lastTransitionTime": "2025-03-01T10:00:00Z"}]}}
        """)
        XCTAssertEqual(nodeClaim.spec.resources?.requests?["pods"]?.description, "7")
        XCTAssertEqual(nodeClaim.spec.expireAfter, "Never")
        XCTAssertEqual(nodeClaim.status?.nodeName, "aks-general-8kx2p")
        XCTAssertEqual(nodeClaim.status?.conditions?.condition(ConditionType.drifted)?.status, .unknown)
        XCTAssertEqual(nodeClaim.status?.allocatable?["cpu"]?.description, "3860m")
    }

    func testClosedValueSetsDecodeUnknownValues() throws {
        let disruption = try tree(#"{"consolidationPolicy": "WhenUnderutilized", "consolidateAfter": "30s"}"#).decode(Disruption.self)
        XCTAssertEqual(disruption.consolidationPolicy, .whenUnderutilized)
        XCTAssertFalse(disruption.consolidationPolicy?.isKnown ?? true, "WhenUnderutilized is not a v1 value")
        let spec = try tree(#"{"imageFamily": "Ubuntu1804", "fipsMode": "Maybe", "gpu": {"mode": "Both"}}"#).decode(AKSNodeClassSpec.self)
        XCTAssertEqual(spec.imageFamily?.rawValue, "Ubuntu1804")
        XCTAssertFalse(spec.imageFamily?.isKnown ?? true)
        XCTAssertFalse(spec.fipsMode?.isKnown ?? true)
        XCTAssertEqual(spec.gpu?.mode, "Both")
        let requirement = try tree(#"{"key": "k", "operator": "Gte", "values": ["3"]}"#).decode(NodeSelectorRequirementWithMinValues.self)
        XCTAssertTrue(requirement.operator.isKnown)
        XCTAssertFalse(NodeSelectorOperator.kubernetesValues.contains(requirement.operator))
        XCTAssertEqual(ImageFamily.knownValues.map(\.rawValue), ["Ubuntu", "Ubuntu2204", "Ubuntu2404", "AzureLinux"])
    }

    func testWellKnownLabels() {
        XCTAssertEqual(WellKnownLabel.core.count, 8)
        XCTAssertEqual(WellKnownLabel.azure.count, 22)
        XCTAssertTrue(WellKnownLabel.all.contains("kubernetes.azure.com/fips_enabled"))
        XCTAssertFalse(WellKnownLabel.all.contains(WellKnownLabel.skuHyperVGeneration))
        XCTAssertEqual(WellKnownLabel.normalizedKeys["beta.kubernetes.io/arch"], WellKnownLabel.arch)
        XCTAssertEqual(KarpenterAnnotation.kubeletCompatibility, "compatibility.karpenter.sh/v1beta1-kubelet-conversion")
    }
}
