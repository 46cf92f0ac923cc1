import KarpenterAPI

/// Checks the `apiVersion`/`kind` envelope every review carries and extracts `request`.
enum ReviewEnvelope {
    static func request(of body: JSONValue, apiVersion expectedVersion: String, kind expectedKind: String) throws(BadRequest) -> JSONValue {
        guard body.objectValue != nil else {
            throw BadRequest("the body must be a JSON object (a \(expectedKind)), not \(body.typeName)")
        }
        let apiVersion = body["apiVersion"]?.stringValue ?? ""
        let kind = body["kind"]?.stringValue ?? ""
        guard kind == expectedKind else {
            throw BadRequest("kind must be \(expectedKind), got \(kind.isEmpty ? "nothing" : "\"\(kind)\"")")
        }
        guard apiVersion == expectedVersion else {
            throw BadRequest("apiVersion must be \(expectedVersion), got \(apiVersion.isEmpty ? "nothing" : "\"\(apiVersion)\""): this webhook speaks only \(expectedVersion) (set admissionReviewVersions/conversionReviewVersions to [v1])")
        }
        guard let request = body["request"], request.objectValue != nil else {
            throw BadRequest.field("request", "required: the \(expectedKind) has no request object")
        }
        guard let uid = request["uid"]?.stringValue, !uid.isEmpty else {
            throw BadRequest.field("request.uid", "required: a non-empty string to echo in the response")
        }
        return request
    }
}
