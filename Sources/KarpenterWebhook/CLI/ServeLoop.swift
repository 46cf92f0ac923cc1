import Dispatch
import Foundation
import Logging
import NIOConcurrencyHelpers

/// Starts the server, waits for certificates, serves until SIGTERM/SIGINT, then drains.
struct ServeLoop {
    let configuration: WebhookConfiguration
    let logger: Logger

    func run() throws {
        let server = WebhookServer(configuration: configuration, logger: logger)
        let stopRequested = NIOLockedValueBox(false)
        let signals = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                logger.info("signal received", metadata: ["signal": "\(number == SIGTERM ? "SIGTERM" : "SIGINT")"])
                stopRequested.withLockedValue { $0 = true }
                server.shutdown()
            }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }

        do {
            try server.startProbes()
        } catch {
            logger.error("cannot bind the probe/metrics port", metadata: ["error": "\(error)"])
            throw error
        }
        var waited = false
        while !server.loadCertificate() {
            if stopRequested.withLockedValue({ $0 }) { break }
            if !waited {
                logger.info("waiting for tls.crt and tls.key", metadata: ["directory": "\(configuration.certificateDirectory)"])
                waited = true
            }
            Thread.sleep(forTimeInterval: min(1, Double(configuration.certificateReloadInterval.nanoseconds) / 1e9))
        }
        if !stopRequested.withLockedValue({ $0 }) {
            do {
                try server.startWebhook()
            } catch {
                logger.error("cannot start the HTTPS listener", metadata: ["error": "\(error)"])
                server.shutdown()
                try? server.stopped.wait()
                server.releaseThreads()
                throw error
            }
            logger.info("webhook serving", metadata: [
                "address": "\(configuration.bindAddress)",
                "port": "\(server.webhookPort ?? -1)",
                "healthPort": "\(server.probePort ?? -1)",
                "metricsPort": "\(server.metricsPort ?? -1)",
            ])
        } else {
            server.shutdown()
        }
        try server.stopped.wait()
        server.releaseThreads()
    }
}
