import ArgumentParser
import Foundation
import KarpenterAPI

/// Times `validate` over a directory of generated manifests, reading, parsing and admitting
/// each file exactly as `kubectl karpenter validate -f DIR` does.
struct ValidateBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Time validation of N generated manifests (one object per file).",
        discussion: """
        Examples:
          karpenter-bench validate
          karpenter-bench validate --count 5000 --repeats 3
        """
    )

    @Option(help: "How many manifest files to generate.")
    var count = 1000

    @Option(help: "Repetitions; the best and median are reported.")
    var repeats = 5

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("karpenter-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<count {
            let file = directory.appendingPathComponent(String(format: "object-%05d.yaml", index))
            try SampleManifests.manifest(index).write(to: file, atomically: false, encoding: .utf8)
        }
        var timings: [Double] = []
        var invalid = 0
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            let paths = try ManifestFiles.expand([directory.path], recursive: false)
            invalid = 0
            for path in paths {
                if case .success(let documents) = ManifestFiles.read(path).result {
                    invalid += ManifestReview.review(file: path, documents: documents).filter { $0.result.verdict == .rejected }.count
                }
            }
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        timings.sort()
        let median = timings[timings.count / 2]
        print("validate: \(count) manifests, \(invalid) invalid")
        print(String(format: "  best %.3f s, median %.3f s, %.0f manifests/s (median)", timings[0], median, Double(count) / median))
    }
}
