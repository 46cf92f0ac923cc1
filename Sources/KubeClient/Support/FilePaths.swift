/// Small POSIX path helpers (no Foundation URL round trips, which percent-encode).
enum FilePaths {
    /// `dir` + `/` + `path`, with `./` segments dropped.
    static func join(_ directory: String, _ path: String) -> String {
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        if directory.isEmpty { return String(relative) }
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    /// The directory part of a path (`/a/b/config` -> `/a/b`, `config` -> `.`).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Makes a path absolute against the working directory.
    static func absolute(_ path: String, workingDirectory: String) -> String {
        path.hasPrefix("/") ? path : join(workingDirectory, path)
    }
}
