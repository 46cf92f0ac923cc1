import Foundation

/// A bearer token read from a file that is rotated underneath us (the projected
/// service-account token, `user.tokenFile`). The file is re-read when its stamp (inode, size,
/// mtime, following symlinks) changes, and at least every `maximumAge` in case a rewrite
/// kept all three. If a re-read fails, the last good token is kept.
public actor RotatingTokenFile {
    public let path: String
    private let files: any FileSource
    private let maximumAge: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private var cached: (token: String, stamp: FileStamp?, readAt: ContinuousClock.Instant)?

    public init(path: String, files: any FileSource = LocalFileSource(), maximumAge: Duration = .seconds(60),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.path = path
        self.files = files
        self.maximumAge = maximumAge
        self.now = now
    }

    /// The current token; throws only when the file has never been readable.
    public func token() throws -> String {
        let stamp = files.stamp(of: path)
        if let cached, cached.stamp == stamp, now() - cached.readAt < maximumAge {
            return cached.token
        }
        do {
            let data = try files.contents(of: path)
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw FileSourceError.unreadable(path, reason: "token file is empty") }
            cached = (token, stamp, now())
            return token
        } catch {
            if let cached { return cached.token }
            throw error
        }
    }

    /// Forget the cached token (after a 401), so the next call reads the file.
    public func invalidate() {
        cached = nil
    }
}
