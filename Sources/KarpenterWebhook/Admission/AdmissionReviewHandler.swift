import Foundation
import KarpenterAPI
import OrderedCollections

/// Answers `admission.k8s.io/v1` AdmissionReviews with the core's validation (`/validate`)
/// or defaulting (`/mutate`). Pure: the HTTP layer only moves bytes.
public enum AdmissionReviewHandler {
    public static let apiVersion = "admission.k8s.io/v1"
    public static let kind = "AdmissionReview"

    public enum Mode: String, Sendable { case validate, mutate }

    public static func handle(_ body: JSONValue, mode: Mode) throws(BadRequest) -> AdmissionOutcome {
        let request = try ReviewEnvelope.request(of: body, apiVersion: apiVersion, kind: kind)
        let uid = request["uid"]?.stringValue ?? ""
        let operation = request["operation"]?.stringValue ?? ""
        let dryRun = request["dryRun"]?.boolValue ?? false
        let object = request["object"].flatMap { $0.isNull ? nil : $0 }
        let oldObject = request["oldObject"].flatMap { $0.isNull ? nil : $0 }
        let requestKind = request["kind"]?["kind"]?.stringValue ?? object?["kind"]?.stringValue ?? ""
        let name = request["name"]?.stringValue ?? object?["metadata"]?["name"]?.stringValue ?? ""
        let subResource = request["subResource"]?.stringValue ?? ""

        func outcome(_ response: OrderedDictionary<String, JSONValue>, verdict: String) -> AdmissionOutcome {
            var members: OrderedDictionary<String, JSONValue> = ["uid": .string(uid)]
            members.merge(response) { $1 }
            let review: JSONValue = .object(["apiVersion": .string(apiVersion), "kind": .string(kind), "response": .object(members)])
            return AdmissionOutcome(response: review, uid: uid, kind: requestKind, name: name,
                                    operation: operation, verdict: verdict, dryRun: dryRun)
        }

        // Deletes and connects are never intercepted; status/scale writes carry no spec change.
        guard operation == "CREATE" || operation == "UPDATE", subResource.isEmpty else {
            return outcome(allowed("\(operation.isEmpty ? "this operation" : operation) is not reviewed"), verdict: "ignored")
        }
        guard let object else {
            throw BadRequest.field("request.object", "required for \(operation)")
        }
        let result = Admission.review(object, oldObject: operation == "UPDATE" ? oldObject : nil)
        if result.verdict == .ignored {
            return outcome(allowed("\(result.kind.isEmpty ? "the object" : result.kind) is not a kind this webhook reviews"), verdict: "ignored")
        }
        switch mode {
        case .validate:
            var response: OrderedDictionary<String, JSONValue>
            if result.verdict == .rejected {
                response = [
                    "allowed": .bool(false),
                    "status": .object([
                        "code": .int(422),
                        "reason": .string("Invalid"),
                        "message": .string(DenialMessage.text(kind: result.kind, name: result.name, errors: result.errors)),
                    ]),
                ]
            } else {
                response = allowed("\(result.kind) \"\(result.name)\" is valid")
            }
            let warnings = result.warnings.map { JSONValue.string(DenialMessage.warning($0)) }
            if !warnings.isEmpty { response["warnings"] = .array(warnings) }
            return outcome(response, verdict: result.verdict.rawValue)
        case .mutate:
            // Defaulting never denies: the validating webhook (and the CRD) do that.
            let operations = JSONPatch.diff(from: object, to: result.defaulted)
            guard !operations.isEmpty else {
                return outcome(allowed("nothing to default"), verdict: "unchanged")
            }
            var response = allowed("applied \(operations.count) default(s)")
            response["patchType"] = .string("JSONPatch")
            response["patch"] = .string(Data(JSONPatch.document(operations).utf8).base64EncodedString())
            return outcome(response, verdict: "patched")
        }
    }

    private static func allowed(_ message: String) -> OrderedDictionary<String, JSONValue> {
        ["allowed": .bool(true), "status": .object(["code": .int(200), "message": .string(message)])]
    }
}
