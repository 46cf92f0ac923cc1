import NIOCore
import NIOHTTP1

/// The probe servers this runtime started, so `run()` can close them.
actor ServerPorts {
    private var metrics: ProbeServer?
    private var health: ProbeServer?

    func set(metrics: ProbeServer?) { self.metrics = metrics }
    func set(health: ProbeServer?) { self.health = health }
    func ports() -> (metrics: Int?, health: Int?) { (metrics?.port, health?.port) }

    func closeAll() async {
        await metrics?.close()
        await health?.close()
        metrics = nil
        health = nil
    }
}

extension ControllerRuntime {
    /// `/metrics` on the metrics port, `/healthz` and `/readyz` on the health port (both
    /// answer everything when they are the same port). Returns once they are started.
    func serveProbes() async {
        let registry = metrics.registry
        let respond: ProbeServer.Responder = { [self] path in
            switch path {
            case "/metrics":
                return .init(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: registry.render())
            case "/healthz":
                return .init(status: .ok, contentType: "text/plain", body: "ok\n")
            case "/readyz":
                let ready = await self.isReady
                return .init(status: ready ? .ok : .serviceUnavailable, contentType: "text/plain",
                             body: ready ? "ok\n" : "informer caches are not synced yet\n")
            default:
                return .init(status: .notFound, contentType: "text/plain", body: "not found\n")
            }
        }
        do {
            if let port = options.metricsPort {
                let server = try await ProbeServer.start(host: options.bindHost, port: port, respond: respond)
                await servers.set(metrics: server)
                logger.info("serving metrics", metadata: ["port": "\(server.port)"])
            }
            if let port = options.healthPort, port != options.metricsPort || port == 0 {
                let server = try await ProbeServer.start(host: options.bindHost, port: port, respond: respond)
                await servers.set(health: server)
                logger.info("serving health probes", metadata: ["port": "\(server.port)"])
            }
        } catch {
            logger.error("could not start the metrics or health server", metadata: ["error": "\(error)"])
        }
    }
}
