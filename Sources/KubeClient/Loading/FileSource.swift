import Foundation

/// Where kubeconfig, certificate and token bytes come from. The loaders only see this
/// protocol, so tests feed them from memory; `LocalFileSource` reads the real disk.
public protocol FileSource: Sendable {
    /// The file's bytes; throws `FileSourceError.notFound` when there is no such file.
    func contents(of path: String) throws -> Data
    /// A value that changes whenever the file's content may have changed (for rotating tokens);
    /// nil when the file does not exist.
    func stamp(of path: String) -> FileStamp?
}

extension FileSource {
    public func exists(_ path: String) -> Bool { stamp(of: path) != nil }
}

/// Identity of one version of a file: follows symlinks, so an atomic `..data` swap by the
/// kubelet changes it.
public struct FileStamp: Sendable, Hashable {
    public var modified: Double
    public var size: Int64
    public var inode: UInt64

    public init(modified: Double, size: Int64, inode: UInt64) {
        self.modified = modified
        self.size = size
        self.inode = inode
    }
}

public enum FileSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case unreadable(String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such file"
        case .unreadable(let path, let reason): "\(path): \(reason)"
        }
    }
}
