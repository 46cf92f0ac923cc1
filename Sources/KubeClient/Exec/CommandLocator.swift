import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds an exec plugin's executable as `os/exec.LookPath` does: a name with a `/` is used as
/// is, a bare name is searched in `PATH` (an empty entry means the working directory).
enum CommandLocator {
    static func locate(_ command: String, path: String?, workingDirectory: String) -> String? {
        if command.contains("/") {
            let full = FilePaths.absolute(command, workingDirectory: workingDirectory)
            return isExecutableFile(full) ? full : nil
        }
        for entry in (path ?? "").split(separator: ":", omittingEmptySubsequences: false) {
            let directory = entry.isEmpty ? workingDirectory : String(entry)
            let candidate = FilePaths.join(directory, command)
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
