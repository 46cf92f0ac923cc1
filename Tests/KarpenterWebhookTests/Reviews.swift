import Foundation
import KarpenterAPI
import KarpenterWebhook
import OrderedCollections

/// Builds AdmissionReview and ConversionReview requests and reads their responses.
enum Reviews {
    static func object(_ json: String) -> JSONValue {
        do { return try JSONBodyParser.parse(Array(json.utf8)) } catch { fatalError("bad fixture: \(error)") }
    }

    static func admission(_ object: JSONValue?, oldObject: JSONValue? = nil, operation: String = "CREATE",
                          uid: String = UUID().uuidString, dryRun: Bool = false) -> [UInt8] {
        let kind = object?["kind"]?.stringValue ?? oldObject?["kind"]?.stringValue ?? ""
        let apiVersion = object?["apiVersion"]?.stringValue ?? oldObject?["apiVersion"]?.stringValue ?? ""
        let parts = apiVersion.split(separator: "/").map(String.init)
        let gvk: JSONValue = .object(["group": .string(parts.first ?? ""), "version": .string(parts.last ?? ""), "kind": .string(kind)])
        let request: JSONValue = .object([
            "uid": .string(uid), "kind": gvk, "requestKind": gvk,
            "name": .string(object?["metadata"]?["name"]?.stringValue ?? ""), "namespace": .string(""),
            "operation": .string(operation), "userInfo": .object(["username": .string("test")]),
            "object": object ?? .null, "oldObject": oldObject ?? .null, "dryRun": .bool(dryRun),
        ])
        let review: JSONValue = .object(["apiVersion": .string("admission.k8s.io/v1"), "kind": .string("AdmissionReview"), "request": request])
        return Array(JSONWriter.string(review).utf8)
    }

    static func conversion(_ objects: [JSONValue], to desired: String, uid: String = UUID().uuidString) -> [UInt8] {
        let review: JSONValue = .object([
            "apiVersion": .string("apiextensions.k8s.io/v1"), "kind": .string("ConversionReview"),
            "request": .object(["uid": .string(uid), "desiredAPIVersion": .string(desired), "objects": .array(objects)]),
        ])
        return Array(JSONWriter.string(review).utf8)
    }

    static func parse(_ body: [UInt8]) throws -> JSONValue {
        try JSONBodyParser.parse(body)
    }

    /// The decoded JSON Patch of a mutating response, or nil when it carries none.
    static func patch(of response: JSONValue) throws -> JSONValue? {
        guard let encoded = response["response"]?["patch"]?.stringValue else { return nil }
        guard let data = Data(base64Encoded: encoded) else { throw TestFailure("patch is not base64") }
        return try JSONBodyParser.parse(Array(data))
    }
}
