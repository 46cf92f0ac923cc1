import Foundation
import KarpenterAPI
import Logging
import NIOConcurrencyHelpers

/// One zap-shaped JSON object per line (ECOSYSTEM.md §5.3): `level`, `time`, `logger`,
/// `message`, `caller`, then the metadata. A twin of the webhook's handler; both should move
/// to a shared module.
public struct ControllerLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private static let lock = NIOLock()

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(level: event.level, message: event.message, metadata: event.metadata, file: event.file, line: event.line)
    }

    private func write(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, file: String, line: UInt) {
        var fields = metadata
        if let explicit { fields.merge(explicit) { $1 } }
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        var text = "{\"level\":\(Self.quote(Self.levelName(level))),\"time\":\(Self.quote(Date().formatted(.iso8601)))"
        text += ",\"logger\":\(Self.quote(label)),\"message\":\(Self.quote(message.description))"
        text += ",\"caller\":\(Self.quote("\(fileName):\(line)"))"
        for key in fields.keys.sorted() { text += ",\(Self.quote(key)):\(Self.render(fields[key]!))" }
        text += "}\n"
        Self.lock.withLock { FileHandle.standardOutput.write(Data(text.utf8)) }
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
            if convertible is Int || convertible is Double || convertible is Bool { return convertible.description }
            return quote(convertible.description)
        case .array(let items): return "[" + items.map(render).joined(separator: ",") + "]"
        case .dictionary(let dict):
            return "{" + dict.keys.sorted().map { "\(quote($0)):\(render(dict[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    private static func quote(_ text: String) -> String { JSONWriter.string(.string(text)) }

    /// `debug|info|error` (and `warn`), as LOG_LEVEL takes them.
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
