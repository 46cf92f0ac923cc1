import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOConcurrencyHelpers
import NIOSSL

/// The running webhook: an HTTPS listener for reviews and plain listeners for probes and
/// metrics. `start` binds, `shutdown` drains and stops; `stopped` completes afterwards.
public final class WebhookServer: Sendable {
    public let configuration: WebhookConfiguration
    public let metrics: WebhookMetrics
    public let certificates: CertificateStore
    private let group: MultiThreadedEventLoopGroup
    private let logger: Logger
    private let state = ServerState()
    private let registry = ConnectionRegistry()
    private let channels = BoxedChannels()
    private let stoppedPromise: EventLoopPromise<Void>

    public init(configuration: WebhookConfiguration, threads: Int = System.coreCount, logger: Logger = Logger(label: "webhook")) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = WebhookMetrics()
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        self.certificates = CertificateStore(directory: configuration.certificateDirectory, metrics: metrics, logger: logger)
        self.stoppedPromise = group.next().makePromise(of: Void.self)
    }

    /// Completes when the server has shut down.
    public var stopped: EventLoopFuture<Void> { stoppedPromise.futureResult }

    /// The bound ports (useful when configured with 0).
    public var webhookPort: Int? { channels.webhook?.localAddress?.port }
    public var probePort: Int? { channels.plain.first?.localAddress?.port }
    public var metricsPort: Int? { channels.plain.last?.localAddress?.port }

    private var routes: Routes { Routes(metrics: metrics, state: state, logger: logger) }

    /// Binds the probe and metrics listeners (so `/healthz` answers while certificates are awaited).
    public func startProbes() throws {
        let probes = configuration.healthPort == configuration.metricsPort
        let plan: [(Int, Routes.Listener)] = probes
            ? [(configuration.healthPort, .probesAndMetrics)]
            : [(configuration.healthPort, .probes), (configuration.metricsPort, .metrics)]
        for (port, listener) in plan {
            let context = connectionContext(listener, registry: nil)
            let channel = try ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 64)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.pipeline.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(ConnectionHandler(context))
                    }
                }
                .bind(host: configuration.bindAddress, port: port).wait()
            channels.addPlain(channel)
        }
    }

    /// Loads the serving certificate; false while `tls.crt`/`tls.key` are missing or invalid.
    public func loadCertificate() -> Bool {
        certificates.reload()
        guard certificates.certificate != nil else { return false }
        state.markCertificateLoaded()
        return true
    }

    /// Binds the HTTPS listener (after `loadCertificate` succeeded) and starts watching the files.
    public func startWebhook() throws {
        guard let certificate = certificates.certificate else {
            throw ServingCertificate.LoadError(description: "no serving certificate loaded from \(configuration.certificateDirectory)")
        }
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificate.chain.map { .certificate($0) },
            privateKey: .privateKey(certificate.key)
        )
        tls.minimumTLSVersion = .tlsv12
        tls.applicationProtocols = ["http/1.1"]
        tls.sslContextCallback = certificates.contextCallback
        let sslContext = try NIOSSLContext(configuration: tls)
        let context = connectionContext(.webhook, registry: registry)
        let channel = try ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ConnectionHandler(context))
                }
            }
            .bind(host: configuration.bindAddress, port: configuration.port).wait()
        channels.setWebhook(channel)
        let watcher = certificates.watch(every: configuration.certificateReloadInterval, on: group.next())
        channels.setWatcher(watcher)
        state.markServing()
    }

    private func connectionContext(_ listener: Routes.Listener, registry: ConnectionRegistry?) -> ConnectionHandler.Context {
        ConnectionHandler.Context(listener: listener, routes: routes, configuration: configuration, state: state,
                                  registry: registry, metrics: metrics, logger: logger)
    }

    /// Graceful shutdown: fail readiness, stop accepting, let in-flight requests finish (idle
    /// keep-alive connections get `drainIdleGrace` for a last request), then stop. Safe to
    /// call more than once.
    public func shutdown() {
        guard channels.beginShutdown() else { return }
        state.markDraining()
        logger.info("shutting down: no new connections; finishing in-flight requests",
                    metadata: ["connections": "\(registry.count)"])
        channels.watcher?.cancel()
        let loop = group.next()
        let closed = channels.webhook?.close() ?? loop.makeSucceededVoidFuture()
        closed.whenComplete { [self] _ in
            registry.drainAll()
            waitForConnections(deadline: NIODeadline.now() + configuration.shutdownTimeout, on: loop)
        }
    }

    private func waitForConnections(deadline: NIODeadline, on loop: any EventLoop) {
        if registry.count == 0 || NIODeadline.now() >= deadline {
            let counts = state.counts
            let level: Logger.Level = registry.count == 0 ? .info : .warning
            logger.log(level: level, "shutdown complete", metadata: [
                "accepted": "\(counts.accepted)", "answered": "\(counts.answered)", "abandonedConnections": "\(registry.count)",
            ])
            let plain = channels.plain.map { $0.close() }
            EventLoopFuture.andAllComplete(plain, on: loop).whenComplete { [stoppedPromise] _ in
                stoppedPromise.succeed()
            }
            return
        }
        loop.scheduleTask(in: .milliseconds(20)) { [self] in
            waitForConnections(deadline: deadline, on: loop)
        }
    }

    /// Releases the event loop threads; call after `stopped` completed.
    public func releaseThreads() {
        try? group.syncShutdownGracefully()
    }
}

/// The channels the server owns, behind a lock.
private final class BoxedChannels: Sendable {
    private struct Values {
        var webhook: (any Channel)?
        var plain: [any Channel] = []
        var watcher: RepeatedTask?
        var shuttingDown = false
    }
    private let values = NIOLockedValueBox(Values())

    var webhook: (any Channel)? { values.withLockedValue { $0.webhook } }
    var plain: [any Channel] { values.withLockedValue { $0.plain } }
    var watcher: RepeatedTask? { values.withLockedValue { $0.watcher } }

    func setWebhook(_ channel: any Channel) { values.withLockedValue { $0.webhook = channel } }
    func addPlain(_ channel: any Channel) { values.withLockedValue { $0.plain.append(channel) } }
    func setWatcher(_ task: RepeatedTask) { values.withLockedValue { $0.watcher = task } }

    /// True the first time only.
    func beginShutdown() -> Bool {
        values.withLockedValue { values in
            defer { values.shuttingDown = true }
            return !values.shuttingDown
        }
    }
}
