import Foundation
import XCTest

final class ValidateCLITests: XCTestCase {
    private let validNodePool = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata:
      name: general
    spec:
      template:
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements:
            - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
    """

    private let invalidNodeClass = """
    apiVersion: karpenter.azure.com/v1beta1
    kind: AKSNodeClass
    metadata:
      name: broken
    spec:
      imageFamily: Ubuntu
      osDiskSizeGB: 10
    """

    func testValidFileExitsZeroAndSaysOK() throws {
        let directory = try PluginProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("pool.yaml")
        try validNodePool.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try PluginProcess.run(["validate", "-f", file.path])
        XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("NodePool/general: OK"), outcome.stdout)
    }

    func testInvalidObjectExitsOneWithFileLineFieldAndFix() throws {
        let directory = try PluginProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("class.yaml")
        try (validNodePool + "\n---\n" + invalidNodeClass).write(to: file, atomically: true, encoding: .utf8)
        let outcome = try PluginProcess.run(["validate", "-f", file.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stdout.contains("AKSNodeClass/broken: INVALID"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("class.yaml:18: spec.osDiskSizeGB"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("greater than or equal to 30"), outcome.stdout)
        XCTAssertFalse(outcome.stdout.contains("\u{1B}["), "no colour when not a terminal")
    }

    func testDirectoryRecursionAndOtherKindsAreSkipped() throws {
        let directory = try PluginProcess.temporaryDirectory()
        let nested = directory.appendingPathComponent("nested")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try validNodePool.write(to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n".write(to: nested.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        try "not a manifest".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let flat = try PluginProcess.run(["validate", "-f", directory.path])
        XCTAssertEqual(flat.status, 0)
        XCTAssertTrue(flat.stdout.contains("1 object(s)"), flat.stdout)

        let recursive = try PluginProcess.run(["validate", "-R", "-f", directory.path])
        XCTAssertEqual(recursive.status, 0)
        XCTAssertTrue(recursive.stdout.contains("Deployment/web: skipped"), recursive.stdout)
        XCTAssertTrue(recursive.stdout.contains("2 object(s): 1 valid, 0 invalid, 1 not Karpenter kinds"), recursive.stdout)
    }

    func testJSONReportHasStableReasonCodes() throws {
        let outcome = try PluginProcess.run(["validate", "-f", "-", "-o", "json"], stdin: invalidNodeClass)
        XCTAssertEqual(outcome.status, 1)
        let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        let objects = report["objects"] as! [[String: Any]]
        XCTAssertEqual(objects.count, 1)
        XCTAssertEqual(objects[0]["verdict"] as? String, "rejected")
        XCTAssertEqual(objects[0]["file"] as? String, "<stdin>")
        let errors = objects[0]["errors"] as! [[String: Any]]
        XCTAssertEqual(errors.first?["field"] as? String, "spec.osDiskSizeGB")
        XCTAssertEqual(errors.first?["reason"] as? String, "FieldValueInvalid")
        XCTAssertEqual(errors.first?["line"] as? Int, 7)
        let summary = report["summary"] as! [String: Any]
        XCTAssertEqual(summary["invalid"] as? Int, 1)
    }

    func testShowDefaultsPrintsTheDefaultedObject() throws {
        let outcome = try PluginProcess.run(["validate", "-f", "-", "--show-defaults"], stdin: validNodePool)
        XCTAssertEqual(outcome.status, 0)
        XCTAssertTrue(outcome.stdout.contains("expireAfter: 720h"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("consolidationPolicy: WhenEmptyOrUnderutilized"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("- nodes: 10%"), outcome.stdout)
    }

    func testUnreadableInputExitsOneWithoutStackTrace() throws {
        let broken = try PluginProcess.run(["validate", "-f", "-"], stdin: "kind: NodePool\nspec: {a: [1, 2\n")
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stdout.contains("<stdin>:"), broken.stdout)
        XCTAssertTrue(broken.stdout.contains("invalid YAML"), broken.stdout)

        let directory = try PluginProcess.temporaryDirectory()
        let binary = directory.appendingPathComponent("garbage.yaml")
        try Data((0..<4096).map { UInt8(($0 * 131) % 256) }).write(to: binary)
        let garbage = try PluginProcess.run(["validate", "-f", binary.path])
        XCTAssertEqual(garbage.status, 1)
        XCTAssertTrue(garbage.stdout.contains("binary"), garbage.stdout)
        XCTAssertFalse(garbage.stderr.contains("Fatal error"), garbage.stderr)
    }

    func testUsageErrorsExit64() throws {
        let noFile = try PluginProcess.run(["validate"])
        XCTAssertEqual(noFile.status, 64)
        XCTAssertTrue(noFile.stderr.contains("-f FILE"), noFile.stderr)
        let missing = try PluginProcess.run(["validate", "-f", "/nonexistent/path.yaml"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("does not exist"), missing.stderr)
        let badFlag = try PluginProcess.run(["validate", "--bogus"])
        XCTAssertEqual(badFlag.status, 64)
    }

    func testConvertPrintsV1AndWhatMoved() throws {
        let legacy = """
        apiVersion: karpenter.sh/v1beta1
        kind: NodePool
        metadata: {name: legacy}
        spec:
          disruption: {consolidationPolicy: WhenUnderutilized, expireAfter: 168h}
          template:
            spec:
              nodeClassRef: {apiVersion: karpenter.azure.com/v1alpha2, kind: AKSNodeClass, name: default}
              kubelet: {maxPods: 60}
              requirements: []
        """
        let outcome = try PluginProcess.run(["convert", "-f", "-"], stdin: legacy)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("apiVersion: karpenter.sh/v1"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("# moved spec.disruption.expireAfter to spec.template.spec.expireAfter"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("consolidationPolicy: WhenEmptyOrUnderutilized"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("#     maxPods: 60"), outcome.stdout)

        let validated = try PluginProcess.run(["validate", "-f", "-"], stdin: outcome.stdout)
        XCTAssertEqual(validated.status, 0, validated.stdout)
    }

    func testVersionAndHelp() throws {
        let version = try PluginProcess.run(["version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.contains("kubectl-karpenter"))
        let help = try PluginProcess.run(["validate", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("Examples:"), help.stdout)
    }
}
