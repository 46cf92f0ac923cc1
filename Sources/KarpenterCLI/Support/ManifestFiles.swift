import Foundation
import KarpenterAPI

/// Finds and reads the manifest files named by `-f` options, as kubectl does: a file, a
/// directory (its .yaml/.yml/.json files; with `-R` also those of subdirectories), or `-` for stdin.
struct ManifestFiles {
    struct Entry {
        let name: String
        let result: Result<[ManifestDocument], ManifestError>
    }

    static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// `expand`, printing a usage problem to stderr and turning it into the exit code 64.
    static func expandForCommand(_ paths: [String], recursive: Bool) throws -> [String] {
        do {
            return try expand(paths, recursive: recursive)
        } catch {
            Terminal.err("error: \(error)")
            throw error.exitCode
        }
    }

    static func expand(_ paths: [String], recursive: Bool) throws(CLIError) -> [String] {
        var files: [String] = []
        for path in paths {
            if path == "-" { files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError.usage("the path \"\(path)\" does not exist")
            }
            if !isDirectory.boolValue { files.append(path); continue }
            files += listDirectory(path, recursive: recursive)
        }
        return files
    }

    private static func listDirectory(_ directory: String, recursive: Bool) -> [String] {
        let url = URL(fileURLWithPath: directory)
        var found: [String] = []
        if recursive {
            let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
            while let item = walker?.nextObject() as? URL {
                guard extensions.contains(item.pathExtension.lowercased()) else { continue }
                // Report paths the way the user wrote the directory, not resolved to absolute.
                let relative = item.standardizedFileURL.path.dropFirst(url.standardizedFileURL.path.count)
                let separator = directory.hasSuffix("/") || relative.hasPrefix("/") ? "" : "/"
                found.append((directory.hasSuffix("/") && relative.hasPrefix("/") ? String(directory.dropLast()) : directory) + separator + relative)
            }
        } else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names where extensions.contains((name as NSString).pathExtension.lowercased()) {
                found.append(directory + (directory.hasSuffix("/") ? "" : "/") + name)
            }
        }
        return found.sorted()
    }

    static func read(_ file: String, maxBytes: Int = 64 << 20) -> Entry {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                return Entry(name: file, result: .failure(ManifestError(message: "cannot read the file (check that it exists and is readable)")))
            }
            data = contents
        }
        let name = file == "-" ? "<stdin>" : file
        if data.count > maxBytes {
            return Entry(name: name, result: .failure(ManifestError(message: "the file is \(data.count) bytes; manifests over \(maxBytes) bytes are refused")))
        }
        do {
            return Entry(name: name, result: .success(try ManifestParser.parse(data: data)))
        } catch {
            return Entry(name: name, result: .failure(error))
        }
    }
}
