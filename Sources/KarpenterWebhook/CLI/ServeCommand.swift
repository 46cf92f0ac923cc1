import KarpenterLogging
import ArgumentParser
import Dispatch
import Foundation
import Logging
import NIOCore

/// `karpenter-webhook [serve]`: the in-cluster server.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve /validate, /mutate and /convert over HTTPS, and probes and metrics over HTTP.",
        discussion: """
        Every flag has an environment-variable twin (the flag wins), for the Helm chart:
          --cert-dir WEBHOOK_CERT_DIR, --port WEBHOOK_PORT, --health-port HEALTH_PROBE_PORT,
          --metrics-port WEBHOOK_METRICS_PORT, --bind-address WEBHOOK_BIND_ADDRESS,
          --max-request-bytes WEBHOOK_MAX_REQUEST_BYTES, --read-timeout WEBHOOK_READ_TIMEOUT,
          --idle-timeout WEBHOOK_IDLE_TIMEOUT, --shutdown-timeout WEBHOOK_SHUTDOWN_TIMEOUT,
          --drain-idle-grace WEBHOOK_DRAIN_IDLE_GRACE, --cert-reload-interval WEBHOOK_CERT_RELOAD_INTERVAL,
          --log-level LOG_LEVEL.
        Durations are seconds. SIGTERM stops accepting, finishes in-flight requests and exits 0.

        Example:
          karpenter-webhook certs generate --service karpenter-webhook --namespace kube-system --host 127.0.0.1 --out /tmp/certs
          karpenter-webhook --cert-dir /tmp/certs --port 9443 --health-port 8081
        """
    )

    @Option(help: "Directory holding tls.crt and tls.key (reloaded when they change).") var certDir: String?
    @Option(help: "HTTPS port for the webhook (0 = any free port).") var port: Int?
    @Option(help: "HTTP port for /healthz and /readyz.") var healthPort: Int?
    @Option(help: "HTTP port for /metrics (may equal --health-port).") var metricsPort: Int?
    @Option(help: "Address to listen on.") var bindAddress: String?
    @Option(help: "Largest accepted request body in bytes.") var maxRequestBytes: Int?
    @Option(help: "Seconds allowed to receive a request body after its headers.") var readTimeout: Double?
    @Option(help: "Seconds a connection may wait for its next request head.") var idleTimeout: Double?
    @Option(help: "Seconds in-flight requests get on SIGTERM.") var shutdownTimeout: Double?
    @Option(help: "Seconds an idle keep-alive connection stays open after SIGTERM.") var drainIdleGrace: Double?
    @Option(help: "Seconds between checks of the certificate files.") var certReloadInterval: Double?
    @Option(help: "debug, info or error.") var logLevel: String?

    func configurationValue() throws -> WebhookConfiguration {
        var value = WebhookConfiguration()
        value.certificateDirectory = EnvironmentDefault.string(certDir, "WEBHOOK_CERT_DIR", value.certificateDirectory)
        value.port = try EnvironmentDefault.int(port, "WEBHOOK_PORT", value.port)
        value.healthPort = try EnvironmentDefault.int(healthPort, "HEALTH_PROBE_PORT", value.healthPort)
        value.metricsPort = try EnvironmentDefault.int(metricsPort, "WEBHOOK_METRICS_PORT", value.metricsPort)
        value.bindAddress = EnvironmentDefault.string(bindAddress, "WEBHOOK_BIND_ADDRESS", value.bindAddress)
        value.maxRequestBytes = try EnvironmentDefault.int(maxRequestBytes, "WEBHOOK_MAX_REQUEST_BYTES", value.maxRequestBytes)
        value.readTimeout = Self.amount(try EnvironmentDefault.seconds(readTimeout, "WEBHOOK_READ_TIMEOUT", 10))
        value.idleTimeout = Self.amount(try EnvironmentDefault.seconds(idleTimeout, "WEBHOOK_IDLE_TIMEOUT", 60))
        value.shutdownTimeout = Self.amount(try EnvironmentDefault.seconds(shutdownTimeout, "WEBHOOK_SHUTDOWN_TIMEOUT", 25))
        value.drainIdleGrace = Self.amount(try EnvironmentDefault.seconds(drainIdleGrace, "WEBHOOK_DRAIN_IDLE_GRACE", 1))
        value.certificateReloadInterval = Self.amount(try EnvironmentDefault.seconds(certReloadInterval, "WEBHOOK_CERT_RELOAD_INTERVAL", 5))
        guard value.maxRequestBytes > 0 else { throw ConfigurationError("the request body limit must be positive") }
        guard value.certificateReloadInterval.nanoseconds > 0 else { throw ConfigurationError("the certificate reload interval must be positive") }
        return value
    }

    static func amount(_ seconds: Double) -> TimeAmount { .nanoseconds(Int64(seconds * 1e9)) }

    func run() throws {
        let configuration: WebhookConfiguration
        let level: Logger.Level
        do {
            configuration = try configurationValue()
            let levelName = EnvironmentDefault.string(logLevel, "LOG_LEVEL", "info")
            guard let parsed = JSONLogging.level(named: levelName) else {
                throw ConfigurationError("log level \"\(levelName)\" is not one of debug, info, error")
            }
            level = parsed
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(64)
        }
        JSONLogging.bootstrap(level: level)
        let logger = Logger(label: "webhook")
        try ServeLoop(configuration: configuration, logger: logger).run()
    }
}
