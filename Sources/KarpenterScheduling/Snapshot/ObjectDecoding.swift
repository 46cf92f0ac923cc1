import Foundation
import KarpenterAPI

/// Decodes a manifest object into a typed model; a failure names the field and its line.
enum ObjectDecoding {
    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, object: ManifestObject) -> Result<T, SnapshotDiagnostic> {
        do {
            return .success(try value.decode(type))
        } catch let error as DecodingError {
            let (path, message) = describe(error)
            return .failure(SnapshotDiagnostic(.error, file: object.file, location: object.location(of: path), object: object.label,
                                               "\(path): \(message)", hint: "fix the field; the object is left out of the simulation"))
        } catch {
            return .failure(SnapshotDiagnostic(.error, file: object.file, location: object.location(), object: object.label,
                                               "cannot be read: \(error)"))
        }
    }

    static func describe(_ error: DecodingError) -> (FieldPath, String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(typeName(type))" + detail(context))
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "required \(typeName(type)) is missing" + detail(context))
        case .keyNotFound(let key, let context):
            return (path(context.codingPath).child(key.stringValue), "required field is missing")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return (.root, "\(error)")
        }
    }

    private static func detail(_ context: DecodingError.Context) -> String {
        context.debugDescription.isEmpty ? "" : " (\(context.debugDescription))"
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Bool.Type: return "a boolean"
        case is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "a mapping" }
            return "a \(name)"
        }
    }

    private static func path(_ codingPath: [CodingKey]) -> FieldPath {
        var result = FieldPath.root
        for key in codingPath {
            if let index = key.intValue { result = result.index(index) } else { result = result.child(key.stringValue) }
        }
        return result
    }
}
