import Foundation
import OrderedCollections
import XCTest
@testable import KarpenterAPI

final class NodePoolConversionTests: XCTestCase {
    private func tree(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    /// Key order is not part of an object's meaning.
    private func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let dict):
            var sorted = OrderedDictionary<String, JSONValue>()
            for key in dict.keys.sorted() { sorted[key] = canonical(dict[key]!) }
            return .object(sorted)
        case .array(let items):
            return .array(items.map(canonical))
        default:
            return value
        }
    }

    private func at(_ value: JSONValue, _ dotted: String) -> JSONValue? {
        var current: JSONValue? = value
        for key in dotted.split(separator: ".") { current = current?[String(key)] }
        return current
    }

    static let v1beta1JSON = """
    {"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool",
     "metadata": {"name": "general", "annotations": {"example.com/team": "sre"}},
     "spec": {
       "template": {
         "metadata": {"labels": {"team": "platform"}},
         "spec": {
           "nodeClassRef": {"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass", "name": "default"},
           "requirements": [{"key": "karpenter.sh/capacity-type", "operator": "In", "values": ["spot"], "minValues": 1}],
           "taints": [{"key": "dedicated", "value": "general", "effect": "NoSchedule"}],
           "kubelet": {"maxPods": 50, "imageGCHighThresholdPercent": 85, "imageGCLowThresholdPercent": 70, "cpuCFSQuota": false,
                       "clusterDNS": ["10.0.0.10"], "systemReserved": {"cpu": "100m"}, "evictionHard": {"memory.available": "5%"}}}},
       "disruption": {"consolidationPolicy": "WhenUnderutilized", "expireAfter": "336h",
                      "budgets": [{"nodes": "20%"}, {"nodes": "0", "schedule": "@daily", "duration": "10m"}]},
       "limits": {"cpu": "100"},
       "weight": 10},
     "status": {"resources": {"cpu": "8"}}}
    """

    func testRewritesAPIVersionAndMovesExpireAfter() throws {
        let result = NodePoolConversion.v1beta1ToV1(try tree(Self.v1beta1JSON))
        let v1 = result.converted
        XCTAssertEqual(v1["apiVersion"], .string("karpenter.sh/v1"))
        XCTAssertEqual(v1["kind"], .string("NodePool"))
        XCTAssertNil(at(v1, "spec.disruption.expireAfter"))
        XCTAssertEqual(at(v1, "spec.template.spec.expireAfter"), .string("336h"))
        XCTAssertTrue(result.notes.contains("moved spec.disruption.expireAfter to spec.template.spec.expireAfter"), "\(result.notes)")
        XCTAssertNoThrow(try v1.decode(NodePool.self))
    }

    func testRenamesWhenUnderutilizedAndDefaultsConsolidateAfter() throws {
        let v1 = NodePoolConversion.v1beta1ToV1(try tree(Self.v1beta1JSON)).converted
        XCTAssertEqual(at(v1, "spec.disruption.consolidationPolicy"), .string("WhenEmptyOrUnderutilized"))
        XCTAssertEqual(at(v1, "spec.disruption.consolidateAfter"), .string("0s"))
        XCTAssertEqual(at(v1, "spec.disruption.budgets")?.arrayValue?.count, 2)
    }

    func testConsolidateAfterCases() throws {
        func convert(_ disruption: String) throws -> JSONValue? {
            let input = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "spec": {"template": {"spec": {"nodeClassRef": {"name": "d"}}}, "disruption": \#(disruption)}}"#)
            return at(NodePoolConversion.v1beta1ToV1(input).converted, "spec.disruption")
        }
        let empty = try convert(#"{"consolidationPolicy": "WhenEmpty", "consolidateAfter": "30s"}"#)
        XCTAssertEqual(empty?["consolidationPolicy"], .string("WhenEmpty"))
        XCTAssertEqual(empty?["consolidateAfter"], .string("30s"))
        let implicitPolicy = try convert(#"{"expireAfter": "24h"}"#)
        XCTAssertEqual(implicitPolicy?["consolidateAfter"], .string("0s"))
        XCTAssertNil(implicitPolicy?["consolidationPolicy"], "absent policy keeps meaning the default")
        let never = try convert(#"{"consolidationPolicy": "WhenUnderutilized", "consolidateAfter": "Never"}"#)
        XCTAssertEqual(never?["consolidateAfter"], .string("Never"))
        let emptyWithout = try convert(#"{"consolidationPolicy": "WhenEmpty"}"#)
        XCTAssertEqual(emptyWithout?["consolidateAfter"], .string("0s"))
    }

    func testAbsentDisruptionStaysAbsent() throws {
        let input = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "spec": {"template": {"spec": {"nodeClassRef": {"name": "d"}}}}}"#)
        let result = NodePoolConversion.v1beta1ToV1(input)
        XCTAssertNil(at(result.converted, "spec.disruption"))
        XCTAssertNil(at(result.converted, "spec.template.spec.expireAfter"))
        XCTAssertTrue(result.notes.contains { $0.contains("defaults") })
    }

    func testNodeClassRefBecomesGroupKindName() throws {
        let v1 = NodePoolConversion.v1beta1ToV1(try tree(Self.v1beta1JSON)).converted
        let ref = try XCTUnwrap(at(v1, "spec.template.spec.nodeClassRef")?.objectValue)
        XCTAssertEqual(Array(ref.keys), ["group", "kind", "name"], "group takes apiVersion's place")
        XCTAssertEqual(ref["group"], .string("karpenter.azure.com"))
        XCTAssertEqual(try v1.decode(NodePool.self).spec.template.spec.nodeClassRef, NodeClassReference(name: "default"))
    }

    func testNodeClassRefMissingApiVersionAndKindUseProviderDefaults() throws {
        let input = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "spec": {"template": {"spec": {"nodeClassRef": {"name": "d"}}}}}"#)
        let result = NodePoolConversion.v1beta1ToV1(input)
        let ref = at(result.converted, "spec.template.spec.nodeClassRef")
        XCTAssertEqual(ref?["group"], .string("karpenter.azure.com"))
        XCTAssertEqual(ref?["kind"], .string("AKSNodeClass"))
        XCTAssertEqual(ref?["name"], .string("d"))
        XCTAssertNil(ref?["apiVersion"])
        XCTAssertEqual(result.notes.filter { $0.hasPrefix("added spec.template.spec.nodeClassRef") }.count, 2, "\(result.notes)")
    }

    func testKubeletMovesToAnnotationAndNodeClassFragment() throws {
        let result = NodePoolConversion.v1beta1ToV1(try tree(Self.v1beta1JSON))
        XCTAssertNil(at(result.converted, "spec.template.spec.kubelet"))
        let annotations = try XCTUnwrap(at(result.converted, "metadata.annotations"))
        XCTAssertEqual(annotations["example.com/team"], .string("sre"))
        let stored = try XCTUnwrap(annotations[KarpenterAnnotation.kubeletCompatibility]?.stringValue)
        XCTAssertEqual(try tree(stored), try tree(Self.v1beta1JSON)["spec"]?["template"]?["spec"]?["kubelet"])

        let fragment = try XCTUnwrap(result.nodeClassSpec)
        XCTAssertEqual(fragment["maxPods"], .number("50"))
        XCTAssertEqual(fragment["kubelet"]?["imageGCHighThresholdPercent"], .number("85"))
        XCTAssertEqual(fragment["kubelet"]?["imageGCLowThresholdPercent"], .number("70"))
        XCTAssertEqual(fragment["kubelet"]?["cpuCFSQuota"], .bool(false))
        XCTAssertNil(fragment["kubelet"]?["clusterDNS"])
        let spec = try fragment.decode(AKSNodeClassSpec.self)
        XCTAssertEqual(spec.maxPods, 50)
        XCTAssertEqual(spec.kubelet?.cpuCFSQuota, false)
        XCTAssertEqual(Set(result.unmappedKubeletFields), ["kubelet.clusterDNS", "kubelet.systemReserved", "kubelet.evictionHard"])
        XCTAssertTrue(result.notes.contains { $0.hasPrefix("dropped spec.template.spec.kubelet.clusterDNS because") })
        XCTAssertTrue(result.notes.contains("moved spec.template.spec.kubelet.maxPods to AKSNodeClass spec.maxPods"))
    }

    func testKubeletMaxPodsOutsideAKSRangeIsFlagged() throws {
        let input = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "spec": {"template": {"spec": {"nodeClassRef": {"name": "d"}, "kubelet": {"maxPods": 5, "podsPerCore": 2}}}}}"#)
        let result = NodePoolConversion.v1beta1ToV1(input)
        XCTAssertTrue(result.notes.contains { $0.contains("10–250") })
        XCTAssertEqual(result.unmappedKubeletFields, ["kubelet.podsPerCore"])
    }

    func testNoKubeletMeansNoFragmentAndStaleAnnotationRemoved() throws {
        let input = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "metadata": {"name": "x", "annotations": {"compatibility.karpenter.sh/v1beta1-kubelet-conversion": "{}"}}, "spec": {"template": {"spec": {"nodeClassRef": {"name": "d"}}}}}"#)
        let result = NodePoolConversion.v1beta1ToV1(input)
        XCTAssertNil(result.nodeClassSpec)
        XCTAssertNil(at(result.converted, "metadata.annotations")?[KarpenterAnnotation.kubeletCompatibility])
    }

    func testTemplateResourcesDropped() throws {
        let input = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "spec": {"template": {"spec": {"nodeClassRef": {"name": "d"}, "resources": {}}}}}"#)
        let result = NodePoolConversion.v1beta1ToV1(input)
        XCTAssertNil(at(result.converted, "spec.template.spec.resources"))
        XCTAssertTrue(result.notes.contains { $0.hasPrefix("dropped spec.template.spec.resources because") })
    }

    func testUnknownFieldsSurvive() throws {
        var input = try tree(Self.v1beta1JSON)
        ConversionTree.set(&input, ["extra"], .string("top"))
        ConversionTree.set(&input, ["spec", "futureField"], .number("1.50"))
        ConversionTree.set(&input, ["spec", "template", "spec", "custom"], JSONValue.object(["a": JSONValue.bool(true)]))
        ConversionTree.set(&input, ["spec", "disruption", "unknown"], .string("u"))
        ConversionTree.set(&input, ["spec", "template", "spec", "nodeClassRef", "extra"], .string("ref"))
        let v1 = NodePoolConversion.v1beta1ToV1(input).converted
        XCTAssertEqual(v1["extra"], .string("top"))
        XCTAssertEqual(at(v1, "spec.futureField"), .number("1.50"), "number spelling kept")
        XCTAssertEqual(at(v1, "spec.template.spec.custom"), JSONValue.object(["a": JSONValue.bool(true)]))
        XCTAssertEqual(at(v1, "spec.disruption.unknown"), .string("u"))
        XCTAssertEqual(at(v1, "spec.template.spec.nodeClassRef.extra"), .string("ref"))
        XCTAssertEqual(at(v1, "spec.limits"), at(input, "spec.limits"))
        XCTAssertEqual(at(v1, "status"), at(input, "status"))
        XCTAssertEqual(canonical(NodePoolConversion.v1ToV1beta1(v1).converted), canonical(input))
    }

    func testRoundTripV1beta1ToV1AndBack() throws {
        let input = try tree(Self.v1beta1JSON)
        let v1 = NodePoolConversion.v1beta1ToV1(input)
        let back = NodePoolConversion.v1ToV1beta1(v1.converted)
        XCTAssertEqual(canonical(back.converted), canonical(input), "notes: \(back.notes)")
        XCTAssertTrue(back.notes.contains("moved annotation \(KarpenterAnnotation.kubeletCompatibility) to spec.template.spec.kubelet"))
    }

    func testRoundTripOtherShapes() throws {
        let shapes = [
            #"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "metadata": {"name": "a"}, "spec": {"template": {"spec": {"nodeClassRef": {"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass", "name": "d"}, "requirements": []}}, "disruption": {"consolidationPolicy": "WhenEmpty", "consolidateAfter": "30s", "expireAfter": "Never"}}}"#,
            #"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "metadata": {"name": "b"}, "spec": {"template": {"spec": {"nodeClassRef": {"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass", "name": "d"}, "requirements": []}}, "disruption": {"consolidationPolicy": "WhenUnderutilized", "consolidateAfter": "Never"}}}"#,
            #"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "metadata": {"name": "c"}, "spec": {"template": {"spec": {"nodeClassRef": {"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass", "name": "d"}, "kubelet": {}}}, "disruption": {"expireAfter": "24h"}}}"#,
            #"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "metadata": {"name": "d"}, "spec": {"template": {"spec": {"nodeClassRef": {"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass", "name": "d"}}}}}"#,
        ]
        for shape in shapes {
            let input = try tree(shape)
            let back = NodePoolConversion.v1ToV1beta1(NodePoolConversion.v1beta1ToV1(input).converted).converted
            XCTAssertEqual(canonical(back), canonical(input), shape)
        }
    }

    func testV1ToV1beta1DropsV1OnlyFields() throws {
        let result = NodePoolConversion.v1ToV1beta1(try tree(KarpenterModelTests.nodePoolJSON))
        let v1beta1 = result.converted
        XCTAssertEqual(v1beta1["apiVersion"], .string("karpenter.sh/v1beta1"))
        XCTAssertEqual(at(v1beta1, "spec.disruption.expireAfter"), .string("720h"))
        XCTAssertNil(at(v1beta1, "spec.template.spec.expireAfter"))
        XCTAssertNil(at(v1beta1, "spec.template.spec.terminationGracePeriod"))
        XCTAssertEqual(at(v1beta1, "spec.disruption.consolidationPolicy"), .string("WhenUnderutilized"))
        XCTAssertNil(at(v1beta1, "spec.disruption.consolidateAfter"))
        XCTAssertTrue(result.notes.contains { $0.hasPrefix("dropped spec.disruption.consolidateAfter 1m") }, "\(result.notes)")
        XCTAssertNil(at(v1beta1, "spec.disruption.budgets")?.arrayValue?[1]["reasons"])
        XCTAssertEqual(at(v1beta1, "spec.disruption.budgets")?.arrayValue?[1]["schedule"], .string("0 9 * * mon-fri"))
        XCTAssertTrue(result.notes.contains { $0.hasPrefix("dropped spec.disruption.budgets[1].reasons") })
        XCTAssertEqual(at(v1beta1, "spec.template.spec.nodeClassRef.apiVersion"), .string("karpenter.azure.com/v1alpha2"))
        XCTAssertNil(at(v1beta1, "spec.template.spec.nodeClassRef.group"))
        XCTAssertNil(at(v1beta1, "status.conditions"))
        XCTAssertNil(at(v1beta1, "status.nodes"))
        XCTAssertEqual(at(v1beta1, "status.resources.cpu"), .string("12"))
        XCTAssertTrue(result.notes.contains { $0.hasPrefix("dropped spec.template.spec.terminationGracePeriod (48h)") })
    }

    func testV1ToV1beta1StaticPoolAndForeignGroup() throws {
        let input = try tree(#"{"apiVersion": "karpenter.sh/v1", "kind": "NodePool", "spec": {"replicas": 3, "template": {"spec": {"nodeClassRef": {"group": "example.com", "kind": "OtherClass", "name": "x"}, "requirements": [{"key": "karpenter.azure.com/sku-cpu", "operator": "Gte", "values": ["4"]}]}}, "disruption": {"consolidationPolicy": "Balanced", "consolidateAfter": "5m"}}}"#)
        let result = NodePoolConversion.v1ToV1beta1(input)
        XCTAssertNil(at(result.converted, "spec.replicas"))
        XCTAssertNil(at(result.converted, "spec.template.spec.nodeClassRef.group"))
        XCTAssertEqual(at(result.converted, "spec.template.spec.nodeClassRef.kind"), .string("OtherClass"))
        XCTAssertEqual(at(result.converted, "spec.disruption.consolidateAfter"), .string("5m"))
        XCTAssertTrue(result.notes.contains { $0.contains("Balanced") })
        XCTAssertTrue(result.notes.contains { $0.contains("operator Gte") })
        XCTAssertTrue(result.notes.contains { $0.hasPrefix("dropped spec.replicas") })
    }

    func testRefusesOtherVersionsAndKinds() throws {
        let v1 = try tree(KarpenterModelTests.nodePoolJSON)
        let refused = NodePoolConversion.v1beta1ToV1(v1)
        XCTAssertEqual(refused.converted, v1)
        XCTAssertEqual(refused.notes.count, 1)
        XCTAssertTrue(refused.notes[0].hasPrefix("not converted: apiVersion is karpenter.sh/v1"))
        let claim = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodeClaim"}"#)
        XCTAssertEqual(NodePoolConversion.v1beta1ToV1(claim).notes, ["not converted: kind is NodeClaim, not NodePool"])
        XCTAssertEqual(NodePoolConversion.v1ToV1beta1(.array([])).notes, ["not converted: the input is not a JSON object"])
    }
}
