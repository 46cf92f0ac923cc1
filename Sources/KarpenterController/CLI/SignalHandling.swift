import Dispatch
import Foundation
import Logging

/// Runs `body` until SIGTERM or SIGINT, then cancels it and waits for it to finish cleanly.
enum SignalHandling {
    static func runUntilTerminated(logger: Logger, _ body: @escaping @Sendable () async -> Void) async {
        let task = Task { await body() }
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                logger.info("shutting down", metadata: ["signal": "\(signalNumber == SIGTERM ? "SIGTERM" : "SIGINT")"])
                task.cancel()
            }
            source.resume()
            sources.append(source)
        }
        await task.value
        for source in sources { source.cancel() }
    }
}
