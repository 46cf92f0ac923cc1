import Foundation
import KarpenterAPI
import KarpenterWebhook
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The real `karpenter-webhook` binary, started with generated certificates on loopback.
final class WebhookProcess: @unchecked Sendable {
    static let service = "karpenter-webhook"
    static let namespace = "kube-system"
    static var serverName: String { "\(service).\(namespace).svc" }

    static var binaryDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    static func binary(_ name: String) -> URL { binaryDirectory.appendingPathComponent(name) }

    let process = Process()
    let certificateDirectory: URL
    private let output = NIOLockedValueBox<[UInt8]>([])
    private(set) var port = 0
    private(set) var probePort = 0

    /// Generates certificates with `karpenter-webhook certs generate`, starts the server with
    /// `--port 0` and waits for its "webhook serving" log line.
    init(arguments: [String] = []) throws {
        certificateDirectory = try Self.temporaryDirectory()
        try Self.generateCertificates(into: certificateDirectory)
        process.executableURL = Self.binary("karpenter-webhook")
        process.arguments = ["--cert-dir", certificateDirectory.path, "--bind-address", "127.0.0.1",
                             "--port", "0", "--health-port", "0", "--metrics-port", "0", "--log-level", "debug"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = self.output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { output.withLockedValue { $0.append(contentsOf: data) } }
        }
        try process.run()
        guard let serving = try waitForLog(message: "webhook serving", timeout: 30) else {
            process.terminate()
            throw TestFailure("the webhook did not start: \(logText)")
        }
        port = Int(serving["port"]?.stringValue ?? "") ?? 0
        probePort = Int(serving["healthPort"]?.stringValue ?? "") ?? 0
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: certificateDirectory)
    }

    var caCertificatePEM: String {
        (try? String(contentsOf: certificateDirectory.appendingPathComponent("ca.crt"), encoding: .utf8)) ?? ""
    }

    var tls: HTTPSClient.TLSOptions { HTTPSClient.TLSOptions(caCertificatePEM: caCertificatePEM, serverName: Self.serverName) }

    func connect(tls options: HTTPSClient.TLSOptions? = nil) async throws -> HTTPSClient {
        try await HTTPSClient.connect(host: "127.0.0.1", port: port, tls: options ?? tls, on: MultiThreadedEventLoopGroup.singleton).get()
    }

    func connectProbes() async throws -> HTTPSClient {
        try await HTTPSClient.connect(host: "127.0.0.1", port: probePort, tls: nil, on: MultiThreadedEventLoopGroup.singleton).get()
    }

    var logText: String { output.withLockedValue { String(decoding: $0, as: UTF8.self) } }

    /// Every log line parsed as JSON (lines that are not JSON are skipped).
    var logLines: [JSONValue] {
        logText.split(separator: "\n").compactMap { try? JSONBodyParser.parse(Array($0.utf8)) }
    }

    func waitForLog(message: String, timeout: Double) throws -> JSONValue? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = logLines.first(where: { $0["message"]?.stringValue == message }) { return line }
            if !process.isRunning { return logLines.first(where: { $0["message"]?.stringValue == message }) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// Sends SIGTERM and waits (bounded) for the exit status.
    func terminate(timeout: Double = 30) -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        return waitForExit(timeout: timeout)
    }

    func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }

    static func generateCertificates(into directory: URL) throws {
        let result = try run(binary("karpenter-webhook"), ["certs", "generate", "--service", service, "--namespace", namespace,
                                                           "--host", "127.0.0.1", "--out", directory.path])
        guard result.status == 0 else { throw TestFailure("certs generate failed: \(result.output)") }
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdoutData, as: UTF8.self), String(decoding: stderrData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("karpenter-webhook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
