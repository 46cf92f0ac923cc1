import ArgumentParser
import Dispatch
import Foundation
import KarpenterAPI
import Logging
import NIOCore
import NIOPosix

/// `karpenter-webhook bench`: admission reviews per second and latency over TLS keep-alive.
struct WebhookBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark the webhook: reviews/s and p50/p99 latency over TLS at 1, 16 and 64 connections.",
        discussion: """
        Starts the real server in this process on 127.0.0.1 with freshly generated certificates
        and drives it with keep-alive HTTPS clients. Build with -c release first:
          swift build -c release --product karpenter-webhook
          .build/release/karpenter-webhook bench
        The last lines compare the webhook with the bare core call (JSON parse + Admission.review
        on one thread), a ratio that depends less on the machine than the absolute figures.
        """
    )

    @Option(help: "Comma-separated connection counts.") var connections = "1,16,64"
    @Option(help: "Seconds per measured run.") var duration = 3.0
    @Option(help: "Server event-loop threads (default: one per core).") var serverThreads = System.coreCount

    func run() throws {
        let counts = connections.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 }
        guard !counts.isEmpty else { throw ValidationError("--connections needs positive integers, e.g. 1,16,64") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("karpenter-webhook-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bundle = try CertificateGenerator.generate(service: "karpenter-webhook", namespace: "kube-system", extraHosts: ["127.0.0.1"])
        try CertificateGenerator.write(bundle, to: directory)

        var configuration = WebhookConfiguration()
        configuration.bindAddress = "127.0.0.1"
        configuration.port = 0
        configuration.healthPort = 0
        configuration.metricsPort = 0
        configuration.certificateDirectory = directory
        let quiet = Logger(label: "webhook", factory: { _ in SwiftLogNoOpLogHandler() })
        let server = WebhookServer(configuration: configuration, threads: serverThreads, logger: quiet)
        try server.startProbes()
        guard server.loadCertificate() else { throw ValidationError("could not load the generated certificate") }
        try server.startWebhook()
        defer {
            server.shutdown()
            try? server.stopped.wait()
            server.releaseThreads()
        }
        let port = server.webhookPort ?? 0
        let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? clientGroup.syncShutdownGracefully() }
        let tls = HTTPSClient.TLSOptions(caCertificatePEM: bundle.caCertificatePEM, serverName: "karpenter-webhook.kube-system.svc")

        print("karpenter-webhook bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, server \(serverThreads) event loop(s), client 1 event loop, TLS 1.2+ keep-alive, \(duration) s per run")
        print(pad("object", 14) + lpad("conns", 6) + lpad("reviews/s", 12) + lpad("p50 ms", 9) + lpad("p99 ms", 9) + lpad("errors", 8))
        var atSixteen: [String: Double] = [:]
        for (name, body) in BenchObjects.cases {
            for count in counts {
                let clients = try (0..<count).map { _ in
                    try HTTPSClient.connect(host: "127.0.0.1", port: port, tls: tls, on: clientGroup).wait()
                }
                let load = LoadRun(clients: clients, path: "/validate", body: body)
                _ = try load.run(for: min(0.5, duration / 4)) // warm-up
                let result = try load.run(for: duration)
                for client in clients { try? client.close().wait() }
                if count == 16 || atSixteen[name] == nil { atSixteen[name] = result.perSecond }
                print(pad(name, 14) + lpad("\(count)", 6) + lpad(String(format: "%.0f", result.perSecond), 12)
                      + lpad(String(format: "%.2f", result.percentile(0.5)), 9) + lpad(String(format: "%.2f", result.percentile(0.99)), 9)
                      + lpad("\(result.errors)", 8))
            }
        }
        for (name, body) in BenchObjects.cases {
            let core = coreReviewsPerSecond(body, seconds: min(2, duration))
            let webhook = atSixteen[name] ?? 0
            print("\(name): core alone \(String(format: "%.0f", core)) reviews/s on one thread; webhook/core ratio \(String(format: "%.2f", webhook / core)) (webhook at \(counts.contains(16) ? 16 : counts[0]) connections)")
        }
    }

    /// JSON parsing plus `Admission.review`, the work each request needs without HTTP and TLS.
    private func coreReviewsPerSecond(_ body: [UInt8], seconds: Double) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(seconds * 1e9)
        var done = 0
        while DispatchTime.now().uptimeNanoseconds < deadline {
            if let review = try? JSONBodyParser.parse(body), let object = review["request"]?["object"] {
                _ = Admission.review(object)
            }
            done += 1
        }
        return Double(done) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    private func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
    private func lpad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}
