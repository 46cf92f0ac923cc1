import NIOConcurrencyHelpers

/// The webhook's metrics, served at `/metrics` in Prometheus text format. Names follow the
/// `karpenter_<subsystem>_<name>` convention; labels are low-cardinality (no object names).
public final class WebhookMetrics: Sendable {
    /// controller-runtime's latency buckets.
    static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Families {
        var requests = MetricFamily(name: "karpenter_webhook_requests_total",
                                    help: "Admission and conversion reviews answered, by webhook, kind, operation and verdict.",
                                    kind: .counter, labels: ["webhook", "kind", "operation", "verdict"])
        var latency = MetricFamily(name: "karpenter_webhook_request_duration_seconds",
                                   help: "Time from a complete request to its response being handed to TLS, by webhook.",
                                   kind: .histogram, labels: ["webhook"], buckets: WebhookMetrics.latencyBuckets)
        var rejectedHTTP = MetricFamily(name: "karpenter_webhook_http_errors_total",
                                        help: "Requests answered with an HTTP error (malformed, too large, wrong path, timeout), by code.",
                                        kind: .counter, labels: ["code"])
        var inFlight = MetricFamily(name: "karpenter_webhook_requests_in_flight",
                                    help: "Requests read and not yet answered.", kind: .gauge)
        var certificateExpiry = MetricFamily(name: "karpenter_webhook_certificate_expiration_timestamp_seconds",
                                             help: "When the serving certificate expires (Unix seconds).", kind: .gauge)
        var certificateReloads = MetricFamily(name: "karpenter_webhook_certificate_reloads_total",
                                              help: "Serving certificate loads from disk, by result.",
                                              kind: .counter, labels: ["result"])
    }

    private let families = NIOLockedValueBox(Families())

    public init() {
        families.withLockedValue { $0.inFlight.set(0, []) }
    }

    func recordReview(webhook: String, kind: String, operation: String, verdict: String, seconds: Double) {
        families.withLockedValue {
            $0.requests.add(1, [webhook, kind.isEmpty ? "unknown" : kind, operation.isEmpty ? "unknown" : operation, verdict])
            $0.latency.observe(seconds, [webhook])
        }
    }

    func recordHTTPError(code: Int) {
        families.withLockedValue { $0.rejectedHTTP.add(1, [String(code)]) }
    }

    func adjustInFlight(_ delta: Double) {
        families.withLockedValue { $0.inFlight.add(delta, []) }
    }

    func recordCertificateLoad(succeeded: Bool, notAfter: Double?) {
        families.withLockedValue {
            $0.certificateReloads.add(1, [succeeded ? "success" : "failure"])
            if let notAfter { $0.certificateExpiry.set(notAfter, []) }
        }
    }

    public func render() -> String {
        families.withLockedValue { families in
            var text = ""
            for family in [families.requests, families.latency, families.rejectedHTTP, families.inFlight,
                           families.certificateExpiry, families.certificateReloads] {
                family.render(into: &text)
            }
            return text
        }
    }
}
