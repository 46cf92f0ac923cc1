import AzureStandIn
import Foundation
import InProcessAPIServer
import KarpenterAPI
import Testing

/// An in-process API server, the ARM stand-in, and the real controller binary pointed at both
/// with `--cloud-provider azure` (client-secret credential, stand-in endpoints).
final class AzureControllerFixture: @unchecked Sendable {
    static let subscription = "11111111-2222-3333-4444-555555555555"
    static let resourceGroup = "MC_rg_aks-test_eastus"

    let server: InProcessAPIServer
    let standIn: AzureStandIn
    let directory: URL
    private(set) var controller: ControllerProcess?
    private var starts = 0

    init() async throws {
        server = try await InProcessAPIServer.start()
        standIn = try await AzureStandIn.start()
        standIn.registerClientSecret(clientID: "karpenter-app", secret: "s3cret")
        // Compute answers with Retry-After; 1 s keeps launches quick but leaves a window to kill in.
        standIn.setOperationPolls(1)
        standIn.setOperationRetryAfter(1)
        standIn.setOperationsFinishUnpolled(after: 3)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("azure-controller-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try server.kubeconfig().write(to: directory.appendingPathComponent("kubeconfig"), atomically: true, encoding: .utf8)
        try BinaryTestObjects.create(Self.nodeClassAndPool, in: server)
    }

    static let nodeClassAndPool = """
    apiVersion: karpenter.azure.com/v1alpha2
    kind: AKSNodeClass
    metadata: {name: default}
    spec: {imageFamily: Ubuntu2204}
    ---
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: default}
    spec:
      template:
        metadata: {labels: {team: web}}
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements:
          - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
          - {key: node.kubernetes.io/instance-type, operator: In, values: [Standard_D2s_v5, Standard_D4s_v5, Standard_D2as_v5, Standard_D4as_v5]}
    """

    /// Starts (or restarts) the controller binary; leader election off, as for a single replica.
    func startController() throws {
        starts += 1
        let arguments = [
            "--kubeconfig", directory.appendingPathComponent("kubeconfig").path, "--cloud-provider", "azure",
            "--region", "eastus", "--metrics-port", "0", "--health-port", "0", "--leader-elect", "false",
            "--batch-idle-duration", "300ms", "--batch-max-duration", "2s", "--log-level", "debug",
        ]
        let environment = [
            "ARM_SUBSCRIPTION_ID": Self.subscription, "AZURE_TENANT_ID": "tenant-1",
            "AZURE_CLIENT_ID": "karpenter-app", "AZURE_CLIENT_SECRET": "s3cret",
            "AZURE_NODE_RESOURCE_GROUP": Self.resourceGroup, "CLUSTER_NAME": "aks-test",
            "CLUSTER_ENDPOINT": "https://aks-test.hcp.eastus.azmk8s.io:443", "KUBELET_BOOTSTRAP_TOKEN": "abcdef.0123456789abcdef",
            "VNET_SUBNET_ID": "/subscriptions/\(Self.subscription)/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes",
            "SSH_PUBLIC_KEY": "ssh-rsa AAAAB3Nza test@example",
            "ARM_RESOURCE_MANAGER_ENDPOINT": standIn.baseURL, "AZURE_AUTHORITY_HOST": standIn.baseURL,
            "IMDS_ENDPOINT": standIn.baseURL,
        ]
        controller = try ControllerProcess(arguments: arguments, environment: environment,
                                           log: directory.appendingPathComponent("controller-\(starts).log"))
    }

    func stop() async {
        controller?.stop()
        await standIn.shutdown()
        try? await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every controller log so far, for a failing test's message.
    var logs: String {
        (1...max(1, starts)).map { (try? String(contentsOf: directory.appendingPathComponent("controller-\($0).log"), encoding: .utf8)) ?? "" }
            .joined(separator: "\n--- restart ---\n")
    }

    func nodeClaims() throws -> [JSONValue] { try server.store.list(.nodeClaims).items }

    func launchedNodeClaims() throws -> [JSONValue] {
        try nodeClaims().filter { !($0["status"]?["providerID"]?.stringValue ?? "").isEmpty }
    }

    /// VMs that finished creating.
    var virtualMachines: [StandInVirtualMachine] { standIn.virtualMachines.filter { $0.provisioningState == "Succeeded" } }

    /// Waits (polling) until `ready` says so; false after the timeout.
    func wait(seconds: Double, until ready: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try ready() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try ready()
    }
}
