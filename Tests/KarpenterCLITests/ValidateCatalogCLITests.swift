import Foundation
import XCTest

/// `validate` checks Azure SKU label values against the embedded catalog.
final class ValidateCatalogCLITests: XCTestCase {
    func testWarnsAboutSKUValuesNoInstanceTypeHas() throws {
        let directory = try PluginProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("pool.yaml")
        try """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: typo}
        spec:
          template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements:
                - {key: karpenter.azure.com/sku-family, operator: In, values: [X]}
                - {key: node.kubernetes.io/instance-type, operator: In, values: [Standard_D4s_v5, Standard_D4s_v9]}
                - {key: karpenter.azure.com/sku-cpu, operator: In, values: ["4"]}
        """.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try PluginProcess.run(["validate", "-f", file.path])
        XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("sku-family in [\"X\"]"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("fix: did you mean"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("[\"Standard_D4s_v9\"] never occur"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("more"), "long value lists are cut: \(outcome.stdout)")
        XCTAssertFalse(outcome.stdout.contains("sku-cpu"), "4 vCPU SKUs exist: \(outcome.stdout)")
    }
}
