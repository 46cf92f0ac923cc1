import KarpenterLogging
import ArgumentParser
import Foundation
import KarpenterAPI
import KarpenterAzure
import KarpenterScheduling
import Logging

/// The command line and environment, validated into what the runtime needs. Every problem
/// is a `ValidationError` (exit 64) that names the flag or variable.
struct ControllerSettings: Sendable {
    enum Provider: String, Sendable { case azure, simulated }

    var provider: Provider
    var region: String
    var instanceTypes: CloudInstanceTypes
    var azure: AzureSettings
    var options: ControllerOptions
    var logLevel: Logger.Level

    static func resolve(_ command: ControllerCommand, environment env: EnvironmentTwin) throws -> ControllerSettings {
        let providerName = env.string(command.cloudProvider, ["CLOUD_PROVIDER"], default: "azure") ?? "azure"
        guard let provider = Provider(rawValue: providerName.lowercased()) else {
            throw ValidationError("--cloud-provider \(providerName) is not supported; use azure or simulated")
        }
        let levelName = env.string(command.logLevel, ["LOG_LEVEL"], default: "info") ?? "info"
        guard let logLevel = JSONLogging.level(named: levelName) else {
            throw ValidationError("--log-level \(levelName) is not one of debug, info, error")
        }
        let region = (env.string(command.region, ["LOCATION"], default: "eastus") ?? "eastus").lowercased()
        let azure = AzureSettings.resolve(command.azure, environment: env, region: region)
        if provider == .azure { try azure.validate() }

        let instanceTypes: CloudInstanceTypes
        if let file = command.instanceTypes {
            instanceTypes = try CatalogFile.load(file)
        } else {
            do {
                instanceTypes = try .azureEmbedded(region: region, options: azure.operatorOptions)
            } catch {
                throw ValidationError("--region: \(error); or pass --instance-types FILE")
            }
        }

        var options = ControllerOptions()
        options.metricsPort = try port(env.int(command.metricsPort, "METRICS_PORT", default: 8080), "--metrics-port")
        options.healthPort = try port(env.int(command.healthPort, "HEALTH_PROBE_PORT", default: 8081), "--health-port")
        options.batchIdleDuration = try env.duration(command.batchIdleDuration, "BATCH_IDLE_DURATION", default: .seconds(1),
                                                     name: "--batch-idle-duration")
        options.batchMaxDuration = try env.duration(command.batchMaxDuration, "BATCH_MAX_DURATION", default: .seconds(10),
                                                    name: "--batch-max-duration")
        if options.batchMaxDuration < options.batchIdleDuration {
            throw ValidationError("--batch-max-duration must not be shorter than --batch-idle-duration")
        }
        options.registrationTTL = try env.duration(command.registrationTTL, "REGISTRATION_TTL", default: .seconds(900),
                                                   name: "--registration-ttl")
        let gates = try FeatureGates.parse(env.string(command.featureGates, ["FEATURE_GATES"], default: "") ?? "")
        options.disruption.spotToSpotConsolidation = gates.isEnabled("SpotToSpotConsolidation")
        options.disruption.enabled = try env.bool(command.disruption, "DISRUPTION_ENABLED", default: true)
        let disabled = try env.bool(nil, "DISABLE_LEADER_ELECTION", default: false)
        let leaderElect = command.leaderElect ?? !disabled
        if leaderElect {
            let identity = env.string(nil, ["POD_NAME", "HOSTNAME"], default: ProcessInfo.processInfo.hostName) ?? "karpenter"
            options.leaderElection = LeaderElectionSettings(
                namespace: env.string(command.leaderElectionNamespace, ["SYSTEM_NAMESPACE"], default: "") ?? "",
                name: env.string(command.leaderElectionName, ["LEADER_ELECTION_NAME"], default: "karpenter-leader-election")
                    ?? "karpenter-leader-election",
                identity: "\(identity)_\(UUID().uuidString.prefix(8).lowercased())")
        }
        return ControllerSettings(provider: provider, region: region, instanceTypes: instanceTypes, azure: azure,
                                  options: options, logLevel: logLevel)
    }

    private static func port(_ value: Int, _ flag: String) throws -> Int {
        guard (0...65535).contains(value) else { throw ValidationError("\(flag) \(value) is not a port (0-65535)") }
        return value
    }
}

/// An InstanceTypeCatalog file: the same types for every NodePool.
enum CatalogFile {
    static func load(_ path: String) throws -> CloudInstanceTypes {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--instance-types \(path): the file cannot be read")
        }
        do {
            let documents = try ManifestParser.parse(data: data)
            guard documents.count == 1, let document = documents.first else {
                throw ValidationError("--instance-types \(path): expected one InstanceTypeCatalog document, found \(documents.count)")
            }
            let types = try InstanceTypeCatalog.decode(document.value)
            guard !types.isEmpty else { throw ValidationError("--instance-types \(path): the catalog lists no instance types") }
            return .fixed(types, description: "catalog \(path)")
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("--instance-types \(path): \(error)")
        }
    }
}
