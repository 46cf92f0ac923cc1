import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system.
public struct LocalFileSource: FileSource {
    public init() {}

    public func contents(of path: String) throws -> Data {
        guard stamp(of: path) != nil else { throw FileSourceError.notFound(path) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileSourceError.unreadable(path, reason: error.localizedDescription)
        }
    }

    public func stamp(of path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
        return FileStamp(modified: modified, size: Int64(info.st_size), inode: UInt64(info.st_ino))
    }
}
