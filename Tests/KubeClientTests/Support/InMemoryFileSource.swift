import Foundation
import KubeClient

/// Files held in memory, for loader tests. Every write bumps the file's stamp, unless written
/// with `replaceKeepingStamp` (to test the periodic re-read).
final class InMemoryFileSource: FileSource, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: (data: Data, version: UInt64)] = [:]
    private var counter: UInt64 = 0

    init(_ files: [String: String] = [:]) {
        for (path, text) in files { write(path, text) }
    }

    func write(_ path: String, _ text: String) {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        files[path] = (Data(text.utf8), counter)
    }

    func replaceKeepingStamp(_ path: String, _ text: String) {
        lock.lock()
        defer { lock.unlock() }
        files[path]?.data = Data(text.utf8)
    }

    func contents(of path: String) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        guard let file = files[path] else { throw FileSourceError.notFound(path) }
        return file.data
    }

    func stamp(of path: String) -> FileStamp? {
        lock.lock()
        defer { lock.unlock() }
        guard let file = files[path] else { return nil }
        return FileStamp(modified: 0, size: Int64(file.data.count), inode: file.version)
    }
}
