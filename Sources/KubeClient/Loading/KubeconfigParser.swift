import Foundation
import Yams

/// Decodes one kubeconfig file (YAML or JSON). An empty file is an empty config, as in kubectl.
enum KubeconfigParser {
    static func parse(_ data: Data, path: String) throws -> Kubeconfig {
        guard let text = String(data: data, encoding: .utf8) else {
            throw KubeconfigError.invalidFile(path, reason: "not UTF-8 text")
        }
        if text.allSatisfy({ $0.isWhitespace }) { return Kubeconfig() }
        do {
            return try YAMLDecoder().decode(Kubeconfig.self, from: text)
        } catch let error as DecodingError {
            throw KubeconfigError.invalidFile(path, reason: describe(error))
        } catch {
            throw KubeconfigError.invalidFile(path, reason: "\(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
                .joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing field \"\(key.stringValue)\"" + (parent.isEmpty ? "" : " at \(parent)")
        case .typeMismatch(let type, let context):
            return "wrong type at \(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "missing value at \(path(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "" : "\(at): ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}
