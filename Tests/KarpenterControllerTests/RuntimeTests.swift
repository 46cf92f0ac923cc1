import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KarpenterController
import Testing

@Suite(.serialized) struct RuntimeTests {
    @Test func metricsAndProbesAreServed() async throws {
        var options = TestCluster.fastOptions
        options.metricsPort = 0
        options.healthPort = 0
        let cluster = try await TestCluster(options: options)
        do {
            let ports = try await eventually("the probe servers") {
                let ports = await cluster.controller.boundPorts()
                return ports.metrics != nil && ports.health != nil ? ports : nil
            }
            let ready = try await eventually("/readyz 200") {
                let (_, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(ports.health!)/readyz")!)
                return (response as? HTTPURLResponse)?.statusCode == 200 ? true : nil
            }
            #expect(ready)
            let (health, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(ports.health!)/healthz")!)
            #expect(String(decoding: health, as: UTF8.self) == "ok\n")
            let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(ports.metrics!)/metrics")!)
            let text = String(decoding: body, as: UTF8.self)
            #expect(text.contains("# TYPE karpenter_nodeclaims_created_total counter"))
            #expect(text.contains("# TYPE karpenter_scheduler_scheduling_duration_seconds histogram"))
            #expect(text.contains("# TYPE karpenter_cloudprovider_errors_total counter"))
            #expect(text.contains("# TYPE karpenter_pods_pending gauge"))
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    @Test func invalidFlagsExitWithUsageStatus() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("karpenter-controller")
        for (arguments, message) in [
            (["--cloud-provider", "gcp"], "--cloud-provider gcp is not supported"),
            (["--cloud-provider", "simulated", "--batch-idle-duration", "soon"], "--batch-idle-duration soon is not a positive duration"),
            (["--cloud-provider", "simulated", "--log-level", "loud"], "--log-level loud"),
            (["--cloud-provider", "azure"], "--cloud-provider azure needs"),
            (["--cloud-provider", "simulated", "--feature-gates", "SpotToSpot=true"], "unknown gate 'SpotToSpot'"),
            (["--cloud-provider", "simulated", "--feature-gates", "SpotToSpotConsolidation"], "is not Name=true or Name=false"),
        ] {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            for key in ["CLOUD_PROVIDER", "ARM_SUBSCRIPTION_ID", "AZURE_SUBSCRIPTION_ID", "AZURE_NODE_RESOURCE_GROUP", "CLUSTER_NAME", "VNET_SUBNET_ID"] {
                environment[key] = nil
            }
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            #expect(process.terminationStatus == 64, "\(arguments): \(text)")
            #expect(text.contains(message), "\(arguments): \(text)")
            #expect(!text.contains("Fatal error"))
        }
    }
}
