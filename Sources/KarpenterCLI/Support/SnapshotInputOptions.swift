import ArgumentParser
import KarpenterAPI
import KarpenterScheduling

/// The inputs `simulate` and `explain` share: manifests, and where instance types come from.
struct SnapshotInputOptions: ParsableArguments {
    @Option(name: [.short, .customLong("filename")], help: "A manifest file, a directory, or - for stdin. Repeatable.")
    var files: [String] = []

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Descend into subdirectories of directories given with -f.")
    var recursive = false

    @Option(name: .customLong("instance-types"), help: "An InstanceTypeCatalog file to use instead of the embedded Azure catalog.")
    var instanceTypes: String?

    @Option(name: .customLong("region"), help: "Azure region of the embedded catalog (default eastus).")
    var region: String = "eastus"

    /// Reads the manifests (or `example` when no `-f` is given) and builds the snapshot.
    /// Unreadable files end the command; objects the simulation cannot use are reported.
    func load(example: [ManifestFile]? = nil, recordTrace: Bool = false) throws -> SnapshotBuild {
        let source: InstanceTypeSource
        do throws(CLIError) {
            source = try instanceTypeSource()
        } catch {
            Terminal.err(errorText(error.description))
            throw error.exitCode
        }
        let manifests = try manifestFiles(example: example)
        return SnapshotBuilder(source: source, options: SchedulerOptions(recordTrace: recordTrace)).build(manifests)
    }

    /// The parsed manifests of `-f`, or `example` when none is given.
    func manifestFiles(example: [ManifestFile]?) throws -> [ManifestFile] {
        if files.isEmpty, let example { return example }
        return try readFiles()
    }

    private func instanceTypeSource() throws(CLIError) -> InstanceTypeSource {
        if let instanceTypes { return try InstanceTypeSources.catalogFile(instanceTypes) }
        return try InstanceTypeSources.embedded(region: region)
    }

    private func readFiles() throws -> [ManifestFile] {
        let paths = try ManifestFiles.expandForCommand(files, recursive: recursive)
        var manifests: [ManifestFile] = []
        var failed = false
        for path in paths {
            let entry = ManifestFiles.read(path)
            switch entry.result {
            case .success(let documents):
                manifests.append(ManifestFile(name: entry.name, documents: documents))
            case .failure(let error):
                failed = true
                let position = error.location.map { ":\($0.line):\($0.column)" } ?? ""
                Terminal.err("\(entry.name)\(position): error: \(error.message)")
            }
        }
        if failed { throw ExitCode.failure }
        return manifests
    }

    private func errorText(_ text: String) -> String {
        text.split(separator: "\n").map { $0.contains(": error: ") ? String($0) : "error: \($0)" }.joined(separator: "\n")
    }

    /// Prints what was left out or looks wrong, to stderr, so stdout stays machine-readable.
    static func report(_ build: SnapshotBuild, notes: Bool) {
        for diagnostic in build.diagnostics where notes || diagnostic.severity != .note {
            Terminal.err(diagnostic.description)
        }
    }
}
