import Foundation
import XCTest
@testable import KarpenterAPI

final class ManifestParserTests: XCTestCase {
    func testMultiDocumentYAMLWithPositions() throws {
        let text = """
        apiVersion: v1
        kind: ConfigMap
        ---
        # a comment
        apiVersion: karpenter.sh/v1
        kind: NodePool
        spec:
          weight: 5
        """
        let documents = try ManifestParser.parse(text: text)
        XCTAssertEqual(documents.count, 2)
        XCTAssertEqual(documents[1].index, 2)
        XCTAssertEqual(documents[1].value["spec"]?["weight"], .number("5"))
        XCTAssertEqual(documents[1].location(of: FieldPath(dotted: "spec.weight")).line, 8)
        XCTAssertEqual(documents[1].location(of: FieldPath(dotted: "spec.weight.missing")).line, 8)
    }

    func testScalarsResolveAsKubectlDoes() throws {
        let documents = try ManifestParser.parse(text: """
        a: yes
        b: "yes"
        c: 0755
        d: 1e3
        e: ~
        f: 1.5Gi
        g: 0x1F
        h: 10%
        i: '007'
        """)
        let value = documents[0].value
        XCTAssertEqual(value["a"], .bool(true))
        XCTAssertEqual(value["b"], .string("yes"))
        XCTAssertEqual(value["c"], .number("493"))
        XCTAssertEqual(value["d"], .number("1000"))
        XCTAssertEqual(value["e"], .null)
        XCTAssertEqual(value["f"], .string("1.5Gi"))
        XCTAssertEqual(value["g"], .number("31"))
        XCTAssertEqual(value["h"], .string("10%"))
        XCTAssertEqual(value["i"], .string("007"))
    }

    func testJSONInputIsAccepted() throws {
        let documents = try ManifestParser.parse(text: #"{"apiVersion": "karpenter.sh/v1", "kind": "NodePool", "spec": {"limits": {"cpu": "1.5"}}}"#)
        XCTAssertEqual(documents[0].value["spec"]?["limits"]?["cpu"], .string("1.5"))
    }

    func testRoundTripKeepsUnknownFieldsOrderAndQuantitySpellings() throws {
        let text = """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata:
          name: keep
        spec:
          futureField: {nested: [1, 2.50, "x"]}
          limits:
            memory: 1.5Gi
            cpu: 1000m
          template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements: []
        """
        let original = try ManifestParser.parse(text: text)[0].value
        let json = JSONWriter.string(original)
        let reparsed = try ManifestParser.parse(text: json)[0].value
        XCTAssertEqual(reparsed, original)
        XCTAssertTrue(json.contains(#""memory":"1.5Gi","cpu":"1000m""#), json)
        XCTAssertTrue(json.contains(#""futureField":{"nested":[1,2.5,"x"]}"#), json)
        let yaml = YAMLWriter.string(original)
        XCTAssertEqual(try ManifestParser.parse(text: yaml)[0].value, original)

        // Admission adds defaults without dropping what it does not know.
        let defaulted = Admission.review(original).defaulted
        XCTAssertEqual(defaulted["spec"]?["futureField"], original["spec"]?["futureField"])
        XCTAssertEqual(defaulted["spec"]?["limits"]?["memory"], .string("1.5Gi"))
        XCTAssertEqual(defaulted["spec"]?["template"]?["spec"]?["expireAfter"], .string("720h"))
    }

    func testTypedViewDecodesQuantitiesWithTheirSpelling() throws {
        let tree = try ManifestParser.parse(text: "requests: {cpu: 1500m, memory: 1.5Gi}")[0].value
        let requests = try tree["requests"]!.decode(ResourceList.self)
        XCTAssertEqual(requests["cpu"]?.milliValue, 1500)
        XCTAssertEqual(try JSONValue.encode(requests)["memory"], .string("1.5Gi"))
    }

    func testTruncatedYAMLNamesDocumentAndLine() {
        let text = "apiVersion: v1\nkind: NodePool\n---\nspec:\n  template: {a: [1, 2\n"
        XCTAssertThrowsError(try ManifestParser.parse(text: text)) { error in
            let error = error as! ManifestError
            XCTAssertEqual(error.document, 2)
            XCTAssertNotNil(error.location)
            XCTAssertTrue(error.description.contains("document 2"), error.description)
        }
    }

    func testDuplicateKeysAreRejected() {
        XCTAssertThrowsError(try ManifestParser.parse(text: "a: 1\na: 2\n")) { error in
            XCTAssertTrue((error as! ManifestError).message.contains("duplicate key"), "\(error)")
        }
    }

    func testBinaryGarbageIsRejectedClearly() {
        var bytes = [UInt8](repeating: 0, count: 256)
        for index in bytes.indices { bytes[index] = UInt8((index * 73 + 11) % 256) }
        XCTAssertThrowsError(try ManifestParser.parse(data: Data(bytes))) { error in
            XCTAssertTrue((error as! ManifestError).message.contains("binary"), "\(error)")
        }
        XCTAssertThrowsError(try ManifestParser.parse(data: Data([0xC3, 0x28, 0x41]))) { error in
            XCTAssertTrue((error as! ManifestError).message.contains("UTF-8"), "\(error)")
        }
    }

    func testDeepNestingIsRefusedWithoutCrashing() {
        let flow = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try ManifestParser.parse(text: "a: " + flow)) { error in
            XCTAssertTrue((error as! ManifestError).message.contains("nested"), "\(error)")
        }
        var block = ""
        for depth in 0..<2_000 { block += String(repeating: " ", count: depth) + "k\(depth):\n" }
        XCTAssertThrowsError(try ManifestParser.parse(text: block))
        let mapping = String(repeating: "{a: ", count: 50_000) + "1" + String(repeating: "}", count: 50_000)
        XCTAssertThrowsError(try ManifestParser.parse(text: mapping))
    }

    func testTenMegabyteDocumentIsHandled() throws {
        var text = "apiVersion: karpenter.azure.com/v1beta1\nkind: AKSNodeClass\nmetadata: {name: big}\nspec:\n  tags:\n"
        let line = "    key-%06d: \"" + String(repeating: "v", count: 200) + "\"\n"
        var index = 0
        while text.utf8.count < 10_000_000 {
            text += String(format: line, index)
            index += 1
        }
        let documents = try ManifestParser.parse(text: text)
        let result = Admission.review(documents[0].value)
        XCTAssertEqual(result.verdict, .accepted)
        XCTAssertEqual(result.defaulted["spec"]?["tags"]?.objectValue?.count, index)
    }

    func testWrongTypesAreFieldErrorsNotCrashes() throws {
        let text = """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: types}
        spec:
          weight: "ten"
          limits: [1, 2]
          template: 7
        """
        let result = Admission.review(try ManifestParser.parse(text: text)[0].value)
        XCTAssertEqual(result.verdict, .rejected)
        let paths = Set(result.errors.map(\.path.description))
        XCTAssertTrue(paths.isSuperset(of: ["spec.weight", "spec.limits", "spec.template"]), "\(paths)")
        XCTAssertTrue(result.errors.allSatisfy { $0.reason == .typeInvalid }, "\(result.errors)")
    }

    /// Mutates valid manifests at random (deterministically seeded) and checks that parsing
    /// and admission always end in a value or a thrown error, never a crash.
    func testMutatedManifestsNeverCrash() {
        let seeds = [ValidManifests.nodePool, ValidManifests.nodeClass, ValidManifests.nodeClaim]
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array(" :-[]{}\"'#\n\t0123456789abcXYZ%&*!|>@`\\/.".utf8)
        var parsed = 0
        for round in 0..<1_500 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<(1 + Int(generator.next() % 8)) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 4 {
                case 0: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                case 2: if bytes.count > 1 { bytes.remove(at: position) }
                default: bytes = Array(bytes[..<position])
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "a")] }
            }
            guard let documents = try? ManifestParser.parse(data: Data(bytes)) else { continue }
            parsed += 1
            for document in documents {
                let result = Admission.review(document.value)
                XCTAssertTrue(result.verdict == .accepted || result.verdict == .rejected || result.verdict == .ignored)
                _ = JSONWriter.string(result.defaulted)
            }
        }
        XCTAssertGreaterThan(parsed, 100, "the mutations should leave many documents parseable")
    }
}

struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        var mixed = state
        mixed ^= mixed >> 33
        mixed = mixed &* 0xff51afd7ed558ccd
        mixed ^= mixed >> 33
        return mixed
    }
}

enum ValidManifests {
    static let nodePool = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata:
      name: general
    spec:
      limits: {cpu: "100"}
      disruption:
        consolidateAfter: 1m
        budgets: [{nodes: "10%"}, {nodes: "0", schedule: "@daily", duration: 10m}]
      template:
        metadata:
          labels: {team: a}
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          taints: [{key: dedicated, value: a, effect: NoSchedule}]
          requirements:
            - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
            - {key: karpenter.azure.com/sku-cpu, operator: Gt, values: ["2"]}
    """

    static let nodeClass = """
    apiVersion: karpenter.azure.com/v1beta1
    kind: AKSNodeClass
    metadata:
      name: default
    spec:
      imageFamily: AzureLinux
      osDiskSizeGB: 64
      kubelet: {imageGCHighThresholdPercent: 85, imageGCLowThresholdPercent: 80}
      tags: {team: a}
      linuxOSConfig: {sysctls: {vmMaxMapCount: 262144, netIPv4IPLocalPortRange: "32768 60999"}}
    """

    static let nodeClaim = """
    apiVersion: karpenter.sh/v1
    kind: NodeClaim
    metadata:
      name: general-abcde
    spec:
      nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
      requirements:
        - {key: karpenter.sh/nodepool, operator: In, values: [general]}
      resources: {requests: {cpu: 1500m, memory: 2Gi}}
    """
}
