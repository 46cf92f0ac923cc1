import Foundation

/// Resident memory of this process from /proc (Linux); nil elsewhere.
enum PeakMemory {
    /// `VmHWM`: the peak resident set size, in bytes.
    static func peakBytes() -> Int64? { field("VmHWM") }

    /// Resets the peak to the current size (`echo 5 > /proc/self/clear_refs`), so each run
    /// reports its own peak. Returns false when the kernel does not allow it.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    private static func field(_ name: String) -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.split(separator: " ").dropFirst().first { Int64($0) != nil }
            return digits.flatMap { Int64($0) }.map { $0 * 1024 }
        }
        return nil
    }
}
