import Dispatch
import KarpenterAPI
import Logging
import NIOHTTP1

/// What each path answers. Webhook paths take POSTed JSON reviews; probe and metrics paths
/// are plain GETs.
struct Routes: Sendable {
    enum Listener: Sendable { case webhook, probes, metrics, probesAndMetrics }

    let metrics: WebhookMetrics
    let state: ServerState
    let logger: Logger

    func reply(listener: Listener, method: HTTPMethod, uri: String, body: [UInt8]) -> HTTPReply {
        let path = String(uri.prefix { $0 != "?" })
        switch listener {
        case .webhook: return webhook(method: method, path: path, body: body)
        case .probes: return probe(path: path) ?? notFound(path)
        case .metrics: return metricsReply(path: path) ?? notFound(path)
        case .probesAndMetrics: return probe(path: path) ?? metricsReply(path: path) ?? notFound(path)
        }
    }

    private func probe(path: String) -> HTTPReply? {
        switch path {
        case "/healthz": return .text("ok\n")
        case "/readyz":
            let reason = state.notReadyReason
            return reason.map { .text("not ready: \($0)\n", status: .serviceUnavailable) } ?? .text("ok\n")
        default: return nil
        }
    }

    private func metricsReply(path: String) -> HTTPReply? {
        guard path == "/metrics" else { return nil }
        return .text(metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    private func notFound(_ path: String) -> HTTPReply {
        .status(404, reason: "NotFound", message: "no handler for \(path)")
    }

    private func webhook(method: HTTPMethod, path: String, body: [UInt8]) -> HTTPReply {
        let endpoint: String
        switch path {
        case "/validate", "/mutate", "/convert": endpoint = String(path.dropFirst())
        default:
            return notFound(path + " (the webhook serves /validate, /mutate and /convert)")
        }
        guard method == .POST else {
            return .status(405, reason: "MethodNotAllowed", message: "\(path) takes POST with a JSON review, not \(method.rawValue)")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let parsed: JSONValue
        do {
            parsed = try JSONBodyParser.parse(body)
        } catch {
            return badRequest(endpoint, BadRequest("\(error)"))
        }
        do {
            switch endpoint {
            case "convert":
                let outcome = try ConversionReviewHandler.handle(parsed)
                record(endpoint, kind: outcome.kind, operation: "CONVERT", verdict: outcome.succeeded ? "converted" : "failed", since: start)
                if !outcome.succeeded {
                    logger.warning("conversion failed", metadata: ["uid": "\(outcome.uid)"])
                }
                return .json(outcome.response)
            default:
                let outcome = try AdmissionReviewHandler.handle(parsed, mode: endpoint == "mutate" ? .mutate : .validate)
                record(endpoint, kind: outcome.kind, operation: outcome.operation, verdict: outcome.verdict, since: start)
                let objectKey = outcome.kind.isEmpty ? "object" : outcome.kind
                var metadata: Logger.Metadata = [
                    "webhook": "\(endpoint)", "uid": "\(outcome.uid)", "verdict": "\(outcome.verdict)",
                    "operation": "\(outcome.operation)", "dryRun": "\(outcome.dryRun)",
                ]
                metadata[objectKey] = ["name": "\(outcome.name)"]
                logger.debug("admission review", metadata: metadata)
                return .json(outcome.response)
            }
        } catch {
            return badRequest(endpoint, error)
        }
    }

    private func record(_ endpoint: String, kind: String, operation: String, verdict: String, since start: UInt64) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        metrics.recordReview(webhook: endpoint, kind: kind, operation: operation, verdict: verdict, seconds: seconds)
    }

    private func badRequest(_ endpoint: String, _ error: BadRequest) -> HTTPReply {
        logger.info("bad request", metadata: ["webhook": "\(endpoint)", "error": "\(error.message)"])
        return .status(error.code, reason: error.reason, message: error.message)
    }
}
