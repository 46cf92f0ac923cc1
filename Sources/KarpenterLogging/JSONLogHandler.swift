import KarpenterAPI
import Foundation
import Logging
import NIOConcurrencyHelpers

/// A swift-log handler printing one zap-shaped JSON object per line:
/// `{"level":"INFO","time":"…","logger":"webhook","message":"…","caller":"File.swift:12",…}`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let sink: LogSink

    public init(label: String, level: Logger.Level, sink: LogSink = .standardOutput) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var fields = metadata
        if let explicit { fields.merge(explicit) { $1 } }
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        var text = "{\"level\":\(Self.quote(Self.levelName(level)))"
        text += ",\"time\":\(Self.quote(Self.timestamp()))"
        text += ",\"logger\":\(Self.quote(label))"
        text += ",\"message\":\(Self.quote(message.description))"
        text += ",\"caller\":\(Self.quote("\(fileName):\(line)"))"
        for key in fields.keys.sorted() {
            text += ",\(Self.quote(key)):\(Self.render(fields[key]!))"
        }
        text += "}\n"
        sink.write(text)
    }

    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: return "DEBUG"
        case .info, .notice: return "INFO"
        case .warning: return "WARN"
        case .error: return "ERROR"
        case .critical: return "FATAL"
        }
    }

    private static func render(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return quote(text)
        case .stringConvertible(let convertible):
            let text = convertible.description
            if convertible is Int || convertible is Double || convertible is Bool { return text }
            return quote(text)
        case .array(let items): return "[" + items.map(render).joined(separator: ",") + "]"
        case .dictionary(let dict):
            return "{" + dict.keys.sorted().map { "\(quote($0)):\(render(dict[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String { JSONWriter.string(.string(text)) }

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(now.tv_nsec / 1_000_000))
    }
}

/// Where log lines go; writes are whole lines, never interleaved.
public final class LogSink: @unchecked Sendable {
    private let lock = NIOLock()
    private let handle: FileHandle

    public init(descriptor: Int32) { self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false) }

    public static let standardOutput = LogSink(descriptor: 1)
    public static let standardError = LogSink(descriptor: 2)

    func write(_ text: String) {
        lock.withLock {
            try? handle.write(contentsOf: Data(text.utf8))
        }
    }
}

/// The JSON logging of the webhook and the controller (ECOSYSTEM.md §5.3).
public enum JSONLogging {
    /// Installs the JSON handler for the whole process (once).
    public static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
    }

    /// `debug|info|warn|error`, as `--log-level` and `LOG_LEVEL` take them.
    public static func level(named name: String) -> Logger.Level? {
        switch name.lowercased() {
        case "debug": return .debug
        case "info": return .info
        case "warn", "warning": return .warning
        case "error": return .error
        default: return nil
        }
    }
}
