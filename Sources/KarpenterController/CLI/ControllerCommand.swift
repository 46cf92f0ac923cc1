import KarpenterLogging
import ArgumentParser
import Foundation
import KarpenterAPI
import KarpenterCloud
import KubeClient
import Logging

/// `karpenter-controller`: the in-cluster controller. Every option has the environment
/// variable the Helm chart sets as its twin; flags win.
public struct ControllerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "karpenter-controller",
        abstract: "Karpenter for AKS: provisions nodes for pending pods and looks after them.",
        discussion: """
        Connects with --kubeconfig (or KUBECONFIG, ~/.kube/config), else the in-cluster service account.
        Only the replica holding the Lease provisions; metrics (/metrics) and probes (/healthz, /readyz)
        are served on every replica. Logs are JSON lines on stdout. SIGTERM or SIGINT stops it cleanly.
        """)

    @Option(help: "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, then in-cluster).")
    var kubeconfig: String?
    @Option(name: .customLong("cloud-provider"), help: "azure or simulated (env CLOUD_PROVIDER; default azure).")
    var cloudProvider: String?
    @Option(name: .customLong("instance-types"), help: "An InstanceTypeCatalog file instead of the Azure catalog.")
    var instanceTypes: String?
    @Option(help: "Azure region (env LOCATION).")
    var region: String?

    @OptionGroup var azure: AzureOptions

    @Option(name: .customLong("metrics-port"), help: "Port of /metrics (env METRICS_PORT; default 8080).")
    var metricsPort: Int?
    @Option(name: .customLong("health-port"), help: "Port of /healthz and /readyz (env HEALTH_PROBE_PORT; default 8081).")
    var healthPort: Int?
    @Option(name: .customLong("leader-elect"), help: "Use a Lease so only one replica acts (env DISABLE_LEADER_ELECTION=true turns it off; default true).")
    var leaderElect: Bool?
    @Option(name: .customLong("leader-election-namespace"), help: "Namespace of the Lease (env SYSTEM_NAMESPACE; default: the client's namespace).")
    var leaderElectionNamespace: String?
    @Option(name: .customLong("leader-election-name"), help: "Name of the Lease (env LEADER_ELECTION_NAME; default karpenter-leader-election).")
    var leaderElectionName: String?
    @Option(name: .customLong("batch-idle-duration"), help: "A batch closes after this long without new pods (env BATCH_IDLE_DURATION; default 1s).")
    var batchIdleDuration: String?
    @Option(name: .customLong("batch-max-duration"), help: "A batch closes this long after it opened at the latest (env BATCH_MAX_DURATION; default 10s).")
    var batchMaxDuration: String?
    @Option(name: .customLong("registration-ttl"), help: "Delete a NodeClaim whose node has not registered after this long (env REGISTRATION_TTL; default 15m).")
    var registrationTTL: String?
    @Option(name: .customLong("feature-gates"), help: "Name=true|false,... (env FEATURE_GATES), e.g. SpotToSpotConsolidation=true.")
    var featureGates: String?
    @Option(name: .customLong("disruption"), help: "Run emptiness, drift and consolidation: true or false (env DISRUPTION_ENABLED; default true).")
    var disruption: Bool?
    @Option(name: .customLong("log-level"), help: "debug, info or error (env LOG_LEVEL; default info).")
    var logLevel: String?

    public init() {}

    public func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try ControllerSettings.resolve(self, environment: EnvironmentTwin(environment: environment))
        JSONLogging.bootstrap(level: settings.logLevel)
        var logger = Logger(label: "controller")
        logger.logLevel = settings.logLevel

        let config: RESTConfig
        do {
            config = try ClientConfigLoader(environment: environment).load(ConnectionOverrides(kubeconfig: kubeconfig))
        } catch {
            throw ValidationError("cannot connect to a cluster: \(error)")
        }
        // Upstream Karpenter's client limits (KUBE_CLIENT_QPS 200, KUBE_CLIENT_BURST 300).
        let client = try KubernetesClient(config: config, options: ClientOptions(qps: 200, burst: 300, userAgent: "karpenter-controller"))
        let unavailable = UnavailableOfferings()
        let cloud = CloudProviderFactory.make(settings, client: client, unavailable: unavailable, environment: environment, logger: logger)
        var options = settings.options
        if options.leaderElection != nil, options.leaderElection?.namespace.isEmpty == true {
            options.leaderElection?.namespace = client.defaultNamespace
        }
        let controller = ControllerRuntime(client: client, cloudProvider: cloud, instanceTypes: settings.instanceTypes,
                                           options: options, leadership: LeadershipFactory.make(options, client: client),
                                           unavailableOfferings: unavailable, logger: logger)
        logger.info("starting karpenter-controller", metadata: ["cloud-provider": "\(cloud.name)",
                                                                "instance-types": "\(settings.instanceTypes.description)"])
        await SignalHandling.runUntilTerminated(logger: logger) { await controller.run() }
        await client.shutdown()
    }
}
