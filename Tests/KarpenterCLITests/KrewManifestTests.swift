import Foundation
import KarpenterAPI
@testable import KarpenterCLI
import XCTest

/// `plugin/krew.yaml` and `Scripts/krew-manifest.sh`, which release CI runs over the archives.
final class KrewManifestTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let script = root.appendingPathComponent("Scripts/krew-manifest.sh").path
    private static let platforms = ["linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64"]

    private func manifest(_ text: String) throws -> JSONValue {
        try XCTUnwrap(ManifestParser.parse(text: text).first?.value)
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testCommittedManifestNamesTheBinaryAndEveryPlatform() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("plugin/krew.yaml"), encoding: .utf8)
        let plugin = try manifest(text)
        XCTAssertEqual(plugin["apiVersion"]?.stringValue, "krew.googlecontainertools.github.com/v1alpha2")
        XCTAssertEqual(plugin["kind"]?.stringValue, "Plugin")
        XCTAssertEqual(plugin["metadata"]?["name"]?.stringValue, "karpenter")
        let spec = try XCTUnwrap(plugin["spec"])
        XCTAssertEqual(spec["version"]?.stringValue, "v\(KarpenterVersion.current)")
        XCTAssertNotNil(spec["shortDescription"]?.stringValue)
        XCTAssertNotNil(spec["homepage"]?.stringValue)
        for command in ["explain pod", "get", "simulate", "validate", "convert", "crds"] {
            XCTAssertTrue(spec["description"]?.stringValue?.contains(command) ?? false, command)
        }
        let entries = try XCTUnwrap(spec["platforms"]?.arrayValue)
        let found = entries.map { "\($0["selector"]?["matchLabels"]?["os"]?.stringValue ?? "")/\($0["selector"]?["matchLabels"]?["arch"]?.stringValue ?? "")" }
        XCTAssertEqual(found, Self.platforms)
        for entry in entries {
            XCTAssertEqual(entry["bin"]?.stringValue, "kubectl-karpenter")
            let os = entry["selector"]?["matchLabels"]?["os"]?.stringValue ?? ""
            let arch = entry["selector"]?["matchLabels"]?["arch"]?.stringValue ?? ""
            XCTAssertEqual(entry["uri"]?.stringValue, "https://github.com/karpenter-aks-swift/karpenter-aks/releases/download/v\(KarpenterVersion.current)/kubectl-karpenter_v\(KarpenterVersion.current)_\(os)_\(arch).tar.gz")
            XCTAssertNotNil(entry["sha256"]?.stringValue)
        }
        XCTAssertTrue(text.contains("Release CI regenerates this file"), "the file says its checksums are filled in at release")
    }

    func testCommittedManifestIsTheScriptsTemplateForThisVersion() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("plugin/krew.yaml"), encoding: .utf8)
        let generated = try run(["--template", KarpenterVersion.current])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        XCTAssertEqual(committed, generated.stdout, "regenerate: Scripts/krew-manifest.sh --template \(KarpenterVersion.current) > plugin/krew.yaml")
    }

    func testScriptFillsInTheChecksumOfEachArchive() throws {
        let directory = try PluginProcess.temporaryDirectory()
        var archives: [String] = []
        for platform in ["linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64"] {
            let url = directory.appendingPathComponent("kubectl-karpenter_v1.2.3_\(platform).tar.gz")
            try Data("\(platform)\n".utf8).write(to: url)
            archives.append(url.path)
        }
        let result = try run(["v1.2.3"] + archives.reversed())
        XCTAssertEqual(result.status, 0, result.stderr)
        let entries = try XCTUnwrap(manifest(result.stdout)["spec"]?["platforms"]?.arrayValue)
        XCTAssertEqual(entries.compactMap { $0["sha256"]?.stringValue }, [
            "2fdb014947286e920f779b68ddddc35d85efdc20fc4413b06b980769ac73f144",
            "5a626d249915c3624f7a103d038c4f30c587c9cbc55186bb8e1edf84ab86c617",
            "d8f690268cbbda9568b4d4ee6c9f27f65f55b4e294400648eb698a8edf504566",
            "4a54fb2247c10462a9bd26472b64c63dee84daeeab00996296d23744f2750e90",
        ])
        XCTAssertEqual(try manifest(result.stdout)["spec"]?["version"]?.stringValue, "v1.2.3")

        let missing = try run(["1.2.3", archives[0]])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "error: no archive for linux_arm64\n")
        let wrongVersion = try run(["1.2.4"] + archives)
        XCTAssertEqual(wrongVersion.status, 1)
        XCTAssertTrue(wrongVersion.stderr.contains("expected kubectl-karpenter_v1.2.4_<os>_<arch>.tar.gz"), wrongVersion.stderr)
    }
}
