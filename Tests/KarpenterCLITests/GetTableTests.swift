import Foundation
import KarpenterAPI
@testable import KarpenterCLI
import KarpenterScheduling
import XCTest

/// `kubectl karpenter get`: the exact tables a user sees for the fixture cluster.
final class GetTableTests: XCTestCase {
    private func render(_ view: GetView, name: String? = nil, output: GetOutput? = nil, noHeaders: Bool = false,
                        objects: ClusterObjects = LiveClusterFixtures.objects()) -> CommandOutput {
        GetPresentation.render(GetPresentation.Request(view: view, name: name, output: output, noHeaders: noHeaders),
                               objects: objects, context: LiveClusterFixtures.context)
    }

    func testNodePoolsByWeightWithUsageAgainstLimits() {
        XCTAssertEqual(render(.nodePools), CommandOutput(stdout: """
        NAME      NODECLASS    NODES   CPU          MEMORY            WEIGHT   READY     AGE
        spot      spot-class   0       0/16 (0%)    0/-               50       False     90d
        default   default      2       8/100 (8%)   32Gi/400Gi (8%)   10       True      2d3h
        gpu       default      1       8/-          32Gi/-            -        Unknown   5m
        """))
    }

    func testNodePoolsWideAddDisruptionBudgetsExpiryAndCost() {
        XCTAssertEqual(render(.nodePools, output: .wide).stdout, """
        NAME      NODECLASS    NODES   CPU          MEMORY            WEIGHT   READY     AGE    DISRUPTION                     BUDGETS                                  EXPIRE-AFTER   COST/HR
        spot      spot-class   0       0/16 (0%)    0/-               50       False     90d    WhenEmptyOrUnderutilized/0s    10%                                      720h           $0.0000
        default   default      2       8/100 (8%)   32Gi/400Gi (8%)   10       True      2d3h   WhenEmptyOrUnderutilized/30s   10%; 0 (Drifted) at 0 9 * * 1-5 for 8h   720h           $0.2304
        gpu       default      1       8/-          32Gi/-            -        Unknown   5m     WhenEmpty/Never                10%                                      Never          $0.3840
        """)
    }

    func testNodeClaimsByNodePoolWithPrices() {
        XCTAssertEqual(render(.nodeClaims).stdout, """
        NAME            TYPE              CAPACITY    ZONE       NODE                READY     PRICE/HR   AGE
        default-abcde   Standard_D4s_v5   on-demand   eastus-1   aks-default-abcde   True      $0.1920    3h12m
        default-fghij   Standard_D4s_v5   spot        eastus-2   aks-default-fghij   True      $0.0384    45s
        gpu-xyz12       Standard_D8s_v5   on-demand   eastus-1   -                   Unknown   $0.3840    90s
        """)
    }

    func testNodeClaimsWideShowProviderIDCapacityAndConditionsNeedingAttention() {
        XCTAssertEqual(render(.nodeClaims, output: .wide).stdout, """
        NAME            TYPE              CAPACITY    ZONE       NODE                READY     PRICE/HR   AGE     NODEPOOL   PROVIDER-ID                                                                                                CPU   MEMORY   CONDITIONS
        default-abcde   Standard_D4s_v5   on-demand   eastus-1   aks-default-abcde   True      $0.1920    3h12m   default    azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/aks-default-abcde   4     16Gi     Drifted=True
        default-fghij   Standard_D4s_v5   spot        eastus-2   aks-default-fghij   True      $0.0384    45s     default    azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/aks-default-fghij   4     16Gi     -
        gpu-xyz12       Standard_D8s_v5   on-demand   eastus-1   -                   Unknown   $0.3840    90s     gpu        -                                                                                                          8     32Gi     Registered=Unknown,Ready=Unknown
        """)
    }

    func testNodesWithRequestsAgainstAllocatableAndNonKarpenterNodes() {
        XCTAssertEqual(render(.nodes).stdout, """
        NAME                             NODEPOOL   TYPE              ZONE       CAPACITY    CPU                 MEMORY             PODS    PRICE/HR   READY                     AGE
        aks-system-12345678-vmss000000   -          Standard_D2s_v5   eastus-1   on-demand   100m/1900m (5%)     70Mi/5.5Gi (1%)    1/30    $0.0960    True                      90d
        aks-default-abcde                default    Standard_D4s_v5   eastus-1   on-demand   1000m/3860m (25%)   2Gi/12.5Gi (16%)   1/110   $0.1920    True                      3h10m
        aks-default-fghij                default    Standard_D4s_v5   eastus-2   spot        1000m/3860m (25%)   2Gi/12.5Gi (16%)   1/110   $0.0384    True,SchedulingDisabled   30s
        """)
    }

    func testNodesWide() {
        XCTAssertEqual(render(.nodes, output: .wide).stdout, """
        NAME                             NODEPOOL   TYPE              ZONE       CAPACITY    CPU                 MEMORY             PODS    PRICE/HR   READY                     AGE     NODECLAIM       VERSION   INTERNAL-IP   TAINTS
        aks-system-12345678-vmss000000   -          Standard_D2s_v5   eastus-1   on-demand   100m/1900m (5%)     70Mi/5.5Gi (1%)    1/30    $0.0960    True                      90d     -               v1.31.2   10.224.0.4    1
        aks-default-abcde                default    Standard_D4s_v5   eastus-1   on-demand   1000m/3860m (25%)   2Gi/12.5Gi (16%)   1/110   $0.1920    True                      3h10m   default-abcde   v1.31.2   10.224.0.5    0
        aks-default-fghij                default    Standard_D4s_v5   eastus-2   spot        1000m/3860m (25%)   2Gi/12.5Gi (16%)   1/110   $0.0384    True,SchedulingDisabled   30s     default-fghij   v1.31.2   10.224.0.6    1
        """)
    }

    func testNameOutputUsesKubectlResourceNames() {
        XCTAssertEqual(render(.nodePools, output: .name).stdout, """
        nodepool.karpenter.sh/spot
        nodepool.karpenter.sh/default
        nodepool.karpenter.sh/gpu
        """)
        XCTAssertEqual(render(.nodeClaims, output: .name).stdout.split(separator: "\n").first, "nodeclaim.karpenter.sh/default-abcde")
        XCTAssertEqual(render(.nodes, output: .name).stdout.split(separator: "\n").first, "node/aks-system-12345678-vmss000000")
    }

    func testJSONIsAKubectlListOfTheObjectsWithSortedKeys() throws {
        let text = render(.nodeClaims, output: .json).stdout
        XCTAssertTrue(text.hasPrefix("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"apiVersion\": \"karpenter.sh/v1\",\n"), text)
        XCTAssertTrue(text.hasSuffix("    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}"), text)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let items = try XCTUnwrap(root["items"] as? [[String: Any]])
        XCTAssertEqual(items.compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String }, ["default-abcde", "default-fghij", "gpu-xyz12"])
    }

    func testYAMLListAndASingleNamedObject() {
        let list = render(.nodePools, output: .yaml).stdout
        XCTAssertTrue(list.hasPrefix("apiVersion: v1\nitems:\n- apiVersion: karpenter.sh/v1\n  kind: NodePool\n"), list)
        XCTAssertTrue(list.hasSuffix("kind: List\nmetadata:\n  resourceVersion: \"\""), list)
        let one = render(.nodePools, name: "gpu", output: .yaml).stdout
        XCTAssertTrue(one.hasPrefix("apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n"), one)
        XCTAssertFalse(one.contains("kind: List"))
        XCTAssertTrue(render(.nodes, name: "aks-default-abcde", output: .json).stdout.hasPrefix("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Node\","))
    }

    func testOneNamedObjectAndNoHeaders() {
        XCTAssertEqual(render(.nodeClaims, name: "gpu-xyz12", noHeaders: true).stdout,
                       "gpu-xyz12   Standard_D8s_v5   on-demand   eastus-1   -     Unknown   $0.3840   90s")
    }

    func testAMissingNamedObjectIsKubectlsNotFound() {
        XCTAssertEqual(render(.nodePools, name: "nope"),
                       CommandOutput(stderr: "Error from server (NotFound): nodepools.karpenter.sh \"nope\" not found", exitCode: 1))
        XCTAssertEqual(render(.nodes, name: "nope").stderr, "Error from server (NotFound): nodes \"nope\" not found")
    }

    func testAnEmptyListSaysNoResourcesFoundOnStderrAndSucceeds() {
        XCTAssertEqual(render(.nodeClaims, objects: ClusterObjects()), CommandOutput(stderr: "No resources found"))
        XCTAssertEqual(render(.nodeClaims, output: .name, objects: ClusterObjects()), CommandOutput())
        XCTAssertTrue(render(.nodeClaims, output: .json, objects: ClusterObjects()).stdout.contains("\"items\": []"))
    }

    func testUnknownPricesAndMissingLabelsShowADash() {
        let objects = LiveClusterFixtures.objects(LiveClusterFixtures.nodeClaims)
        let output = GetPresentation.render(GetPresentation.Request(view: .nodeClaims),
                                            objects: objects, context: GetContext(now: LiveClusterFixtures.now, prices: .none))
        XCTAssertEqual(output.stdout.split(separator: "\n")[1], "default-abcde   Standard_D4s_v5   on-demand   eastus-1   aks-default-abcde   True      -          3h12m")
    }

    func testTableLayoutIsKubectls() {
        XCTAssertEqual(KubectlTableText.render(headers: ["A", "LONGER", "X"], rows: [["1", "", "last"], ["22", "b", ""]]),
                       "A     LONGER   X\n1              last\n22    b")
    }
}
