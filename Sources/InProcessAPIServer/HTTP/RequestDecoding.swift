import KarpenterAPI

/// Reads bodies and query parameters into the store's inputs, with the API server's errors.
enum RequestDecoding {
    static let bodyMediaTypes = ["application/json", "application/yaml"]

    /// A JSON (or YAML) request body.
    static func body(_ request: APIRequest) throws(APIError) -> JSONValue {
        switch request.contentType {
        case "", "application/json", "*/*":
            return try json(request.body)
        case "application/yaml", "application/x-yaml", "text/yaml":
            let text = String(decoding: request.body, as: UTF8.self)
            do {
                let documents = try ManifestParser.parse(text: text)
                guard documents.count == 1, let document = documents.first else {
                    throw APIError.badRequest("the YAML body must hold exactly one document")
                }
                return document.value
            } catch let error as APIError {
                throw error
            } catch {
                throw .badRequest("error converting YAML to JSON: \(error)")
            }
        default:
            throw .unsupportedMediaType(bodyMediaTypes)
        }
    }

    static func json(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .badRequest("couldn't get version/kind; json parse error: unexpected end of JSON input")
        }
        do {
            return try JSONBodyParser.parse(bytes)
        } catch {
            throw .badRequest("couldn't get version/kind; json parse error: \(error.description)")
        }
    }

    /// The patch document and its type, from `Content-Type`.
    static func patch(_ request: APIRequest, for type: ResourceType) throws(APIError) -> (JSONValue, PatchType) {
        guard let patchType = PatchType(rawValue: request.contentType), patchType != .apply else {
            throw .unsupportedMediaType(StoreState.acceptedPatchTypes(for: type).map(\.rawValue))
        }
        return (try json(request.body), patchType)
    }

    static func listOptions(_ query: QueryParameters) throws(APIError) -> ListOptions {
        var options = ListOptions()
        if let text = query.value("labelSelector") { options.labelSelector = try LabelSelector.parse(text) }
        if let text = query.value("fieldSelector") { options.fieldSelector = try FieldSelector.parse(text) }
        if let text = query.value("limit"), !text.isEmpty {
            guard let limit = Int(text) else {
                throw .badRequest("limit: Invalid value: \(FieldIssue.quoted(text)): strconv.ParseInt: parsing \(FieldIssue.quoted(text)): invalid syntax")
            }
            options.limit = limit
        }
        options.continueToken = query.value("continue")
        options.resourceVersion = query.value("resourceVersion")
        options.resourceVersionMatch = query.value("resourceVersionMatch")
        if let match = options.resourceVersionMatch, !match.isEmpty, !["Exact", "NotOlderThan"].contains(match) {
            throw .badRequest("resourceVersionMatch: Unsupported value: \(FieldIssue.quoted(match)): supported values: \"Exact\", \"NotOlderThan\"")
        }
        return options
    }

    static func watchPlan(_ type: ResourceType, namespace: String?, query: QueryParameters,
                          name: String? = nil) throws(APIError) -> WatchPlan {
        let list = try listOptions(query)
        var fieldSelector = list.fieldSelector
        if let name { fieldSelector.requirements.append(.init(field: "metadata.name", value: name, negated: false)) }
        // Problems found before the stream starts are plain HTTP errors; only a resourceVersion
        // the history no longer covers becomes an ERROR event, as with the watch cache.
        try fieldSelector.validate(for: type)
        if let version = list.resourceVersion, !version.isEmpty {
            _ = try StoreState.parseResourceVersion(version)
        }
        let options = WatchOptions(labelSelector: list.labelSelector, fieldSelector: fieldSelector,
                                   resourceVersion: list.resourceVersion, sendInitialEvents: query.flag("sendInitialEvents"))
        var timeout: Duration?
        if let text = query.value("timeoutSeconds"), !text.isEmpty {
            guard let seconds = Int64(text), seconds >= 0 else {
                throw .badRequest("timeoutSeconds: Invalid value: \(FieldIssue.quoted(text)): must be a non-negative integer")
            }
            // Bounded so the timer arithmetic cannot overflow; a week is longer than any test.
            if seconds > 0 { timeout = .seconds(min(seconds, 7 * 86_400)) }
        }
        return WatchPlan(type: type, namespace: namespace, options: options, timeout: timeout,
                         bookmarks: query.flag("allowWatchBookmarks"))
    }

    static func fieldValidation(_ query: QueryParameters) throws(APIError) -> FieldValidation {
        guard let text = query.value("fieldValidation"), !text.isEmpty else { return .warn }
        guard let mode = FieldValidation(rawValue: text) else {
            throw .badRequest("fieldValidation: Unsupported value: \(FieldIssue.quoted(text)): supported values: \"Ignore\", \"Warn\", \"Strict\"")
        }
        return mode
    }

    static func dryRun(_ query: QueryParameters) throws(APIError) -> Bool {
        let values = query.all("dryRun")
        for value in values where value != "All" {
            throw APIError(code: 400, reason: "BadRequest",
                           message: "dryRun: Unsupported value: \(FieldIssue.quoted(value)): supported values: \"All\"")
        }
        return !values.isEmpty
    }

    /// DeleteOptions from the query, overridden by a body when there is one.
    static func deleteOptions(_ request: APIRequest) throws(APIError) -> DeleteOptions {
        var options = DeleteOptions()
        let query = request.query
        if let text = query.value("gracePeriodSeconds"), !text.isEmpty {
            guard let seconds = Int64(text) else { throw .badRequest("gracePeriodSeconds: Invalid value: \(FieldIssue.quoted(text))") }
            options.gracePeriodSeconds = seconds
        }
        if let policy = query.value("propagationPolicy"), !policy.isEmpty {
            options.propagationPolicy = try DeleteOptions.propagation(policy)
        } else if query.has("orphanDependents") {
            options.propagationPolicy = query.flag("orphanDependents") ? .orphan : .background
        }
        options.dryRun = try dryRun(query)
        let trimmed = request.body.filter { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if !trimmed.isEmpty {
            let fromBody = try DeleteOptions(json: try json(request.body))
            options.gracePeriodSeconds = fromBody.gracePeriodSeconds ?? options.gracePeriodSeconds
            options.propagationPolicy = fromBody.propagationPolicy ?? options.propagationPolicy
            options.preconditionUID = fromBody.preconditionUID
            options.preconditionResourceVersion = fromBody.preconditionResourceVersion
            options.dryRun = options.dryRun || fromBody.dryRun
        }
        return options
    }
}
