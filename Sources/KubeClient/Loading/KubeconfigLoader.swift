import Foundation

/// Finds and merges kubeconfig files exactly as kubectl (clientcmd loading rules):
/// `--kubeconfig` alone when given; else every file in `KUBECONFIG` (`:`-separated, missing
/// files skipped) merged first-file-wins; else `~/.kube/config`.
public struct KubeconfigLoader: Sendable {
    public var files: any FileSource
    public var environment: [String: String]
    public var workingDirectory: String

    public init(files: any FileSource = LocalFileSource(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.files = files
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The files kubectl would consider, in precedence order (they may not exist).
    public func candidatePaths(explicit: String?) -> [String] {
        if let explicit, !explicit.isEmpty {
            return [FilePaths.absolute(explicit, workingDirectory: workingDirectory)]
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
                .map { FilePaths.absolute($0, workingDirectory: workingDirectory) }
                .filter { seen.insert($0).inserted }
        }
        guard let home = environment["HOME"], !home.isEmpty else { return [] }
        return [FilePaths.join(home, ".kube/config")]
    }

    /// Reads, parses and merges the files. Relative paths inside each file are made absolute
    /// against that file's directory before merging.
    public func load(explicit: String? = nil) throws -> MergedKubeconfig {
        let paths = candidatePaths(explicit: explicit)
        if let explicit, !explicit.isEmpty, let only = paths.first, !files.exists(only) {
            throw KubeconfigError.explicitFileNotFound(only)
        }
        var merged = MergedKubeconfig()
        for path in paths where files.exists(path) {
            merged.add(try read(path), from: path)
        }
        return merged
    }

    func read(_ path: String) throws -> Kubeconfig {
        let data: Data
        do {
            data = try files.contents(of: path)
        } catch {
            throw KubeconfigError.unreadableFile(path, reason: "\(error)")
        }
        return try KubeconfigParser.parse(data, path: path)
            .resolvingRelativePaths(against: FilePaths.directory(of: path))
    }
}
