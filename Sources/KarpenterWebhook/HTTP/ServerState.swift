import NIOConcurrencyHelpers

/// Shared facts about the running server: readiness, and counts that prove a graceful
/// shutdown answered every request it accepted.
final class ServerState: Sendable {
    private struct Values {
        var certificateLoaded = false
        var serving = false
        var draining = false
        var accepted = 0
        var answered = 0
    }

    private let values = NIOLockedValueBox(Values())

    var notReadyReason: String? {
        values.withLockedValue { values in
            if values.draining { return "shutting down" }
            if !values.certificateLoaded { return "no serving certificate loaded yet" }
            if !values.serving { return "webhook listener not bound yet" }
            return nil
        }
    }

    func markCertificateLoaded() { values.withLockedValue { $0.certificateLoaded = true } }
    func markServing() { values.withLockedValue { $0.serving = true } }
    func markDraining() { values.withLockedValue { $0.draining = true } }
    var isDraining: Bool { values.withLockedValue { $0.draining } }

    func countAccepted() { values.withLockedValue { $0.accepted += 1 } }
    func countAnswered() { values.withLockedValue { $0.answered += 1 } }
    var counts: (accepted: Int, answered: Int) { values.withLockedValue { ($0.accepted, $0.answered) } }
}
