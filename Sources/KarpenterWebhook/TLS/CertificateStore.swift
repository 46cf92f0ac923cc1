import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// Holds the serving certificate and swaps it when the files on disk change. The TLS
/// server asks it for the certificate on every handshake, so a rotated secret is served on
/// the next connection while established connections keep their session.
public final class CertificateStore: Sendable {
    private let directory: String
    private let current = NIOLockedValueBox<ServingCertificate?>(nil)
    private let metrics: WebhookMetrics
    private let logger: Logger

    public init(directory: String, metrics: WebhookMetrics, logger: Logger) {
        self.directory = directory
        self.metrics = metrics
        self.logger = logger
    }

    public var certificate: ServingCertificate? { current.withLockedValue { $0 } }

    /// Reads the files if they changed. Returns true when a new certificate was installed.
    /// A half-written pair (a key that does not match the certificate) keeps the old one.
    @discardableResult
    public func reload() -> Bool {
        let loaded: ServingCertificate
        do {
            loaded = try ServingCertificate.load(directory: directory)
        } catch {
            let hadOne = current.withLockedValue { $0 != nil }
            metrics.recordCertificateLoad(succeeded: false, notAfter: nil)
            logger.log(level: hadOne ? .warning : .info, "serving certificate not loaded; keeping the previous one",
                       metadata: ["error": "\(error)"])
            return false
        }
        let changed = current.withLockedValue { existing -> Bool in
            guard existing?.fingerprint != loaded.fingerprint else { return false }
            existing = loaded
            return true
        }
        if changed {
            metrics.recordCertificateLoad(succeeded: true, notAfter: loaded.notAfter.timeIntervalSince1970)
            logger.info("serving certificate loaded", metadata: [
                "directory": "\(directory)", "notAfter": "\(ISO8601DateFormatter().string(from: loaded.notAfter))",
            ])
        }
        return changed
    }

    /// Checks the files every `interval` on `eventLoop` until the returned task is cancelled.
    public func watch(every interval: TimeAmount, on eventLoop: any EventLoop) -> RepeatedTask {
        eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [self] _ in
            _ = self.reload()
        }
    }

    /// The per-handshake hook for `TLSConfiguration.sslContextCallback`.
    public var contextCallback: NIOSSLContextCallback {
        { [current] _, promise in
            var override = NIOSSLContextConfigurationOverride()
            if let certificate = current.withLockedValue({ $0 }) {
                override.certificateChain = certificate.chain.map { .certificate($0) }
                override.privateKey = .privateKey(certificate.key)
            }
            promise.succeed(override)
        }
    }
}
