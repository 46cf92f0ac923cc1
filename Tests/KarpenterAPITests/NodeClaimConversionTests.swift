import Foundation
import OrderedCollections
import XCTest
@testable import KarpenterAPI

final class NodeClaimConversionTests: XCTestCase {
    private func tree(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    /// Key order is not part of an object's meaning.
    private func same(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        ConversionTree.sameContent(lhs, rhs)
    }

    private func at(_ value: JSONValue, _ dotted: String) -> JSONValue? {
        var current: JSONValue? = value
        for key in dotted.split(separator: ".") { current = current?[String(key)] }
        return current
    }

    private func annotation(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard let text = value["metadata"]?["annotations"]?[key]?.stringValue else { return nil }
        return ConversionTree.parseJSON(text)
    }

    /// A NodeClaim as v1beta1 Karpenter wrote it: kubelet copied from its NodePool, a
    /// nodeClassRef with apiVersion, conditions with severity.
    static let v1beta1JSON = """
    {"apiVersion": "karpenter.sh/v1beta1", "kind": "NodeClaim",
     "metadata": {"name": "general-x7k2p", "labels": {"karpenter.sh/nodepool": "general"},
                  "annotations": {"example.com/team": "sre"}, "finalizers": ["karpenter.sh/termination"]},
     "spec": {
       "nodeClassRef": {"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass", "name": "default"},
       "requirements": [{"key": "karpenter.sh/capacity-type", "operator": "In", "values": ["spot"]}],
       "taints": [{"key": "dedicated", "value": "general", "effect": "NoSchedule"}],
       "resources": {"requests": {"cpu": "1500m"}},
       "kubelet": {"maxPods": 50, "clusterDNS": ["10.0.0.10"], "systemReserved": {"cpu": "100m"}},
       "futureField": {"kept": true}},
     "status": {"providerID": "azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/aks-general-x7k2p",
                "nodeName": "aks-general-x7k2p",
                "conditions": [{"type": "Launched", "status": "True", "severity": "Info", "lastTransitionTime": "2024-05-01T10:00:00Z"},
                               {"type": "Ready", "status": "True", "lastTransitionTime": "2024-05-01T10:02:00Z"}]}}
    """

    /// A NodeClaim as v1 Karpenter writes it.
    static let v1JSON = """
    {"apiVersion": "karpenter.sh/v1", "kind": "NodeClaim",
     "metadata": {"name": "general-abcde", "labels": {"karpenter.sh/nodepool": "general"}},
     "spec": {
       "nodeClassRef": {"group": "karpenter.azure.com", "kind": "AKSNodeClass", "name": "default"},
       "requirements": [{"key": "node.kubernetes.io/instance-type", "operator": "In", "values": ["Standard_D4s_v5"]}],
       "expireAfter": "336h", "terminationGracePeriod": "1h",
       "resources": {"requests": {"cpu": "1"}}},
     "status": {"nodeName": "aks-general-abcde", "lastPodEventTime": "2024-05-01T11:00:00Z",
                "conditions": [{"type": "Ready", "status": "True", "reason": "Ready", "observedGeneration": 1,
                                "lastTransitionTime": "2024-05-01T10:02:00Z"}]}}
    """

    func testV1beta1ToV1RewritesNodeClassRefAndKeepsKubelet() throws {
        let result = NodeClaimConversion.v1beta1ToV1(try tree(Self.v1beta1JSON))
        let v1 = result.converted
        XCTAssertEqual(v1["apiVersion"], .string("karpenter.sh/v1"))
        XCTAssertTrue(same(at(v1, "spec.nodeClassRef"), try tree(#"{"group": "karpenter.azure.com", "kind": "AKSNodeClass", "name": "default"}"#)))
        XCTAssertNil(at(v1, "spec.kubelet"))
        XCTAssertTrue(same(annotation(v1, KarpenterAnnotation.kubeletCompatibility),
                           try tree(#"{"maxPods": 50, "clusterDNS": ["10.0.0.10"], "systemReserved": {"cpu": "100m"}}"#)))
        XCTAssertNil(v1["metadata"]?["annotations"]?[KarpenterAnnotation.nodeClassReferenceCompatibility],
                     "a complete v1alpha2 reference needs no annotation: its v1 form gives it back")
        XCTAssertNil(at(v1, "spec.expireAfter"), "the CRD default (720h) applies")
        XCTAssertTrue(result.notes.contains("moved spec.nodeClassRef.apiVersion karpenter.azure.com/v1alpha2 to spec.nodeClassRef.group karpenter.azure.com"), "\(result.notes)")
        XCTAssertNoThrow(try v1.decode(NodeClaim.self))
    }

    func testV1beta1ToV1DropsConditionSeverity() throws {
        let result = NodeClaimConversion.v1beta1ToV1(try tree(Self.v1beta1JSON))
        let conditions = at(result.converted, "status.conditions")?.arrayValue ?? []
        XCTAssertEqual(conditions.count, 2)
        XCTAssertNil(conditions.first?["severity"])
        XCTAssertEqual(conditions.first?["type"], .string("Launched"))
        XCTAssertTrue(result.notes.contains("dropped status.conditions[0].severity Info because v1 conditions have no severity"), "\(result.notes)")
    }

    func testConvertedV1IsAValidNodeClaim() throws {
        var input = try tree(Self.v1beta1JSON)
        input["spec"]?["futureField"] = nil
        let v1 = NodeClaimConversion.v1beta1ToV1(input).converted
        let review = Admission.review(v1)
        XCTAssertEqual(review.errors.map(\.description), [])
        XCTAssertEqual(at(review.defaulted, "spec.expireAfter"), .string("720h"))
    }

    func testUnknownFieldsSurvive() throws {
        let v1 = NodeClaimConversion.v1beta1ToV1(try tree(Self.v1beta1JSON)).converted
        XCTAssertEqual(at(v1, "spec.futureField.kept"), .bool(true))
        XCTAssertEqual(v1["metadata"]?["finalizers"], .array([.string("karpenter.sh/termination")]))
        XCTAssertEqual(at(v1, "status.providerID")?.stringValue?.hasPrefix("azure:///"), true)
        XCTAssertEqual(at(v1, "metadata.annotations")?["example.com/team"], .string("sre"))
        var withExtra = try tree(Self.v1JSON)
        withExtra["spec"]?["futureField"] = .string("x")
        XCTAssertEqual(at(NodeClaimConversion.v1ToV1beta1(withExtra).converted, "spec.futureField"), .string("x"))
    }

    func testRoundTripV1beta1ToV1AndBack() throws {
        let input = try tree(Self.v1beta1JSON)
        let back = NodeClaimConversion.v1ToV1beta1(NodeClaimConversion.v1beta1ToV1(input).converted)
        var expected = input
        // Severity has no v1 field and status is written in v1 by the controller; all else returns.
        expected["status"]?["conditions"] = .array((input["status"]?["conditions"]?.arrayValue ?? []).map { condition in
            var copy = condition
            copy["severity"] = nil
            return copy
        })
        XCTAssertTrue(same(back.converted, expected), "notes: \(back.notes)\n\(JSONWriter.string(back.converted))")
    }

    func testRoundTripV1ToV1beta1AndBackKeepsTheImmutableSpec() throws {
        let stored = try tree(Self.v1JSON)
        let view = NodeClaimConversion.v1ToV1beta1(stored)
        XCTAssertNil(at(view.converted, "spec.expireAfter"))
        XCTAssertNil(at(view.converted, "spec.terminationGracePeriod"))
        XCTAssertTrue(same(annotation(view.converted, KarpenterAnnotation.nodeClaimV1SpecCompatibility),
                           try tree(#"{"expireAfter": "336h", "terminationGracePeriod": "1h"}"#)))
        XCTAssertTrue(same(at(view.converted, "spec.nodeClassRef"),
                           try tree(#"{"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass", "name": "default"}"#)))
        XCTAssertNil(at(view.converted, "status.lastPodEventTime"))
        XCTAssertNil(at(view.converted, "status.conditions")?.arrayValue?.first?["observedGeneration"])

        let back = NodeClaimConversion.v1beta1ToV1(view.converted).converted
        XCTAssertTrue(same(back["spec"], stored["spec"]), "\(JSONWriter.string(back))")
        XCTAssertTrue(same(back["metadata"], stored["metadata"]), "no compatibility annotation is left behind")
        // A v1beta1 client writing the object back must not trip "spec is immutable".
        XCTAssertEqual(Admission.review(back, oldObject: stored).errors.map(\.description), [])
    }

    func testRoundTripOtherShapes() throws {
        let v1beta1Shapes = [
            #"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodeClaim", "metadata": {"name": "a"}, "spec": {"nodeClassRef": {"name": "default"}, "requirements": []}}"#,
            #"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodeClaim", "metadata": {"name": "b"}, "spec": {"nodeClassRef": {"apiVersion": "karpenter.azure.com/v1beta1", "kind": "AKSNodeClass", "name": "d"}, "requirements": []}}"#,
            #"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodeClaim", "metadata": {"name": "c"}, "spec": {"nodeClassRef": {"apiVersion": "example.com/v1", "kind": "Other", "name": "d"}, "requirements": []}}"#,
            #"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodeClaim", "metadata": {"name": "d"}, "spec": {"nodeClassRef": {"kind": "AKSNodeClass", "name": "d"}, "requirements": [], "kubelet": {}}}"#,
        ]
        for shape in v1beta1Shapes {
            let input = try tree(shape)
            let v1 = NodeClaimConversion.v1beta1ToV1(input).converted
            XCTAssertNil(at(v1, "spec.nodeClassRef.apiVersion"), shape)
            XCTAssertNotNil(at(v1, "spec.nodeClassRef.group"), shape)
            XCTAssertNotNil(at(v1, "spec.nodeClassRef.kind"), shape)
            let back = NodeClaimConversion.v1ToV1beta1(v1).converted
            XCTAssertTrue(same(back, input), "\(shape)\n-> \(JSONWriter.string(back))")
        }
        let v1Shapes = [
            #"{"apiVersion": "karpenter.sh/v1", "kind": "NodeClaim", "metadata": {"name": "e", "annotations": {"a": "b"}}, "spec": {"nodeClassRef": {"group": "example.com", "kind": "Other", "name": "d"}, "requirements": [], "expireAfter": "Never"}}"#,
            #"{"apiVersion": "karpenter.sh/v1", "kind": "NodeClaim", "metadata": {"name": "f"}, "spec": {"nodeClassRef": {"group": "karpenter.azure.com", "kind": "AKSNodeClass", "name": "d"}, "requirements": []}}"#,
        ]
        for shape in v1Shapes {
            let input = try tree(shape)
            let back = NodeClaimConversion.v1beta1ToV1(NodeClaimConversion.v1ToV1beta1(input).converted).converted
            XCTAssertTrue(same(back, input), "\(shape)\n-> \(JSONWriter.string(back))")
        }
    }

    func testReferenceAnnotationKeepsWhatV1CannotSay() throws {
        let input = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodeClaim", "metadata": {"name": "a"}, "spec": {"nodeClassRef": {"name": "default"}}}"#)
        let result = NodeClaimConversion.v1beta1ToV1(input)
        XCTAssertTrue(same(at(result.converted, "spec.nodeClassRef"), try tree(#"{"group": "karpenter.azure.com", "kind": "AKSNodeClass", "name": "default"}"#)))
        XCTAssertTrue(same(annotation(result.converted, KarpenterAnnotation.nodeClassReferenceCompatibility), try tree(#"{"name": "default"}"#)))
        XCTAssertTrue(result.notes.contains("added spec.nodeClassRef.kind AKSNodeClass because it was absent"), "\(result.notes)")
    }

    func testStaleAnnotationsAreNotRestored() throws {
        var v1 = try tree(Self.v1JSON)
        // A reference annotation that no longer describes the reference (the object was recreated).
        v1["metadata"]?["annotations"] = .object([
            KarpenterAnnotation.nodeClassReferenceCompatibility: .string(#"{"name":"someone-else"}"#),
            KarpenterAnnotation.nodeClaimV1SpecCompatibility: .string(#"{"expireAfter":"1h"}"#),
        ])
        let result = NodeClaimConversion.v1ToV1beta1(v1)
        XCTAssertEqual(at(result.converted, "spec.nodeClassRef.name"), .string("default"))
        XCTAssertEqual(at(result.converted, "spec.nodeClassRef.apiVersion"), .string("karpenter.azure.com/v1alpha2"))
        XCTAssertTrue(result.notes.contains("dropped annotation \(KarpenterAnnotation.nodeClassReferenceCompatibility) because it no longer matches spec.nodeClassRef"), "\(result.notes)")
        XCTAssertTrue(same(annotation(result.converted, KarpenterAnnotation.nodeClaimV1SpecCompatibility),
                           try tree(#"{"expireAfter": "336h", "terminationGracePeriod": "1h"}"#)), "the object's own fields win")
    }

    func testV1beta1KubeletAbsentDropsStaleKubeletAnnotation() throws {
        var input = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodeClaim", "metadata": {"name": "a"}, "spec": {"nodeClassRef": {"apiVersion": "karpenter.azure.com/v1alpha2", "kind": "AKSNodeClass", "name": "d"}}}"#)
        input["metadata"]?["annotations"] = .object([KarpenterAnnotation.kubeletCompatibility: .string(#"{"maxPods":30}"#)])
        let v1 = NodeClaimConversion.v1beta1ToV1(input).converted
        XCTAssertNil(v1["metadata"]?["annotations"])
    }

    func testUnreadableAnnotationIsKept() throws {
        var v1 = try tree(Self.v1JSON)
        v1["metadata"]?["annotations"] = .object([KarpenterAnnotation.kubeletCompatibility: .string("not json")])
        let result = NodeClaimConversion.v1ToV1beta1(v1)
        XCTAssertNil(at(result.converted, "spec.kubelet"))
        XCTAssertEqual(result.converted["metadata"]?["annotations"]?[KarpenterAnnotation.kubeletCompatibility], .string("not json"))
    }

    func testRefusesOtherVersionsAndKinds() throws {
        let nodePool = try tree(#"{"apiVersion": "karpenter.sh/v1beta1", "kind": "NodePool", "spec": {}}"#)
        XCTAssertEqual(NodeClaimConversion.v1beta1ToV1(nodePool).converted, nodePool)
        XCTAssertEqual(NodeClaimConversion.v1beta1ToV1(nodePool).notes, ["not converted: kind is NodePool, not NodeClaim"])
        let v1 = try tree(Self.v1JSON)
        XCTAssertEqual(NodeClaimConversion.v1beta1ToV1(v1).converted, v1)
        XCTAssertEqual(NodeClaimConversion.v1ToV1beta1(.string("x")).notes, ["not converted: the input is not a JSON object"])
    }
}
