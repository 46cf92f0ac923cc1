import NIOCore

/// Everything `karpenter-webhook` serves with; flags and environment variables fill it in.
public struct WebhookConfiguration: Sendable {
    public var bindAddress = "0.0.0.0"
    /// HTTPS port for `/validate`, `/mutate` and `/convert` (0 picks a free port).
    public var port = 8443
    /// Plain HTTP port for `/healthz` and `/readyz`.
    public var healthPort = 8081
    /// Plain HTTP port for `/metrics`; the same number as `healthPort` shares one listener.
    public var metricsPort = 8001
    /// Holds `tls.crt` and `tls.key`.
    public var certificateDirectory = "/etc/karpenter-webhook/certs"
    /// Larger bodies get 413 without being read (the API server caps objects at 3 MiB).
    public var maxRequestBytes = 3 * 1024 * 1024
    /// Time allowed to receive a whole request body once its headers have arrived.
    public var readTimeout: TimeAmount = .seconds(10)
    /// Time an open connection may go without a complete request head (covers the TLS
    /// handshake and slow header senders too) before it is closed.
    public var idleTimeout: TimeAmount = .seconds(60)
    /// On SIGTERM: how long in-flight requests may take before the process exits anyway.
    public var shutdownTimeout: TimeAmount = .seconds(25)
    /// On SIGTERM: how long an idle keep-alive connection stays open for a last request,
    /// answered with `Connection: close`.
    public var drainIdleGrace: TimeAmount = .seconds(1)
    /// How often `tls.crt`/`tls.key` are checked for a rotated certificate.
    public var certificateReloadInterval: TimeAmount = .seconds(5)

    public init() {}
}
