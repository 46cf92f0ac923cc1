import KarpenterAPI
import OrderedCollections

/// Answers `apiextensions.k8s.io/v1` ConversionReviews for NodePools and NodeClaims between
/// `karpenter.sh/v1beta1` and `karpenter.sh/v1` with the core's conversions.
public enum ConversionReviewHandler {
    public static let apiVersion = "apiextensions.k8s.io/v1"
    public static let kind = "ConversionReview"

    public struct Outcome: Sendable {
        public let response: JSONValue
        public let uid: String
        /// The kind of the first object, for metrics ("" for an empty review).
        public let kind: String
        public let objects: Int
        public let succeeded: Bool
    }

    public static func handle(_ body: JSONValue) throws(BadRequest) -> Outcome {
        let request = try ReviewEnvelope.request(of: body, apiVersion: apiVersion, kind: kind)
        let uid = request["uid"]?.stringValue ?? ""
        guard let desired = request["desiredAPIVersion"]?.stringValue, !desired.isEmpty else {
            throw BadRequest.field("request.desiredAPIVersion", "required: the apiVersion to convert to")
        }
        guard let objects = request["objects"]?.arrayValue else {
            throw BadRequest.field("request.objects", "required: the list of objects to convert")
        }
        var converted: [JSONValue] = []
        var failure: String?
        for (index, object) in objects.enumerated() {
            switch convert(object, to: desired) {
            case .success(let value): converted.append(value)
            case .failure(let message):
                failure = "objects[\(index)]: \(message)"
            }
            if failure != nil { break }
        }
        var response: OrderedDictionary<String, JSONValue> = ["uid": .string(uid)]
        if let failure {
            response["convertedObjects"] = .array([])
            response["result"] = .object(["status": .string("Failure"), "message": .string(failure)])
        } else {
            response["convertedObjects"] = .array(converted)
            response["result"] = .object(["status": .string("Success")])
        }
        let review: JSONValue = .object(["apiVersion": .string(apiVersion), "kind": .string(kind), "response": .object(response)])
        let kind = objects.first?["kind"]?.stringValue ?? ""
        return Outcome(response: review, uid: uid, kind: kind, objects: objects.count, succeeded: failure == nil)
    }

    enum Converted {
        case success(JSONValue)
        case failure(String)
    }

    static func convert(_ object: JSONValue, to desired: String) -> Converted {
        let from = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        if from == desired { return .success(object) }
        let conversions: (toV1: (JSONValue) -> ConversionResult, toV1beta1: (JSONValue) -> ConversionResult)
        switch kind {
        case KarpenterKind.nodePool: conversions = (NodePoolConversion.v1beta1ToV1, NodePoolConversion.v1ToV1beta1)
        case KarpenterKind.nodeClaim: conversions = (NodeClaimConversion.v1beta1ToV1, NodeClaimConversion.v1ToV1beta1)
        default:
            return .failure("cannot convert \(kind.isEmpty ? "an object without kind" : kind) from \(from) to \(desired): only NodePools and NodeClaims have more than one schema")
        }
        switch (from, desired) {
        case (KarpenterAPIGroup.coreV1beta1, KarpenterAPIGroup.coreV1):
            return .success(conversions.toV1(object).converted)
        case (KarpenterAPIGroup.coreV1, KarpenterAPIGroup.coreV1beta1):
            return .success(conversions.toV1beta1(object).converted)
        default:
            return .failure("cannot convert \(kind) from \"\(from)\" to \"\(desired)\": supported versions are \(KarpenterAPIGroup.coreV1) and \(KarpenterAPIGroup.coreV1beta1)")
        }
    }
}
