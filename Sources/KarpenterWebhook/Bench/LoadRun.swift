import Dispatch
import NIOConcurrencyHelpers
import NIOCore

/// One closed-loop run: N keep-alive connections, each sending the next request as soon as
/// the previous answer arrived, until the deadline.
struct LoadRun {
    struct Result {
        let requests: Int
        let errors: Int
        let seconds: Double
        let latenciesNanoseconds: [UInt64]

        var perSecond: Double { Double(requests) / seconds }

        func percentile(_ fraction: Double) -> Double {
            guard !latenciesNanoseconds.isEmpty else { return 0 }
            let sorted = latenciesNanoseconds.sorted()
            let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
            return Double(sorted[max(0, index)]) / 1e6
        }
    }

    let clients: [HTTPSClient]
    let path: String
    let body: [UInt8]

    func run(for seconds: Double) throws -> Result {
        let latencies = NIOLockedValueBox<[UInt64]>([])
        let errors = NIOLockedValueBox(0)
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(seconds * 1e9)
        let loops = clients.map { client in
            loop(client, until: deadline, latencies: latencies, errors: errors)
        }
        for future in loops { try future.wait() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let recorded = latencies.withLockedValue { $0 }
        return Result(requests: recorded.count, errors: errors.withLockedValue { $0 }, seconds: elapsed, latenciesNanoseconds: recorded)
    }

    private func loop(_ client: HTTPSClient, until deadline: UInt64, latencies: NIOLockedValueBox<[UInt64]>,
                      errors: NIOLockedValueBox<Int>) -> EventLoopFuture<Void> {
        let sent = DispatchTime.now().uptimeNanoseconds
        guard sent < deadline else { return client.eventLoop.makeSucceededVoidFuture() }
        return client.post(path, body: body).flatMap { response in
            let done = DispatchTime.now().uptimeNanoseconds
            if response.status == 200 {
                latencies.withLockedValue { $0.append(done - sent) }
            } else {
                errors.withLockedValue { $0 += 1 }
            }
            return loop(client, until: deadline, latencies: latencies, errors: errors)
        }
    }
}
