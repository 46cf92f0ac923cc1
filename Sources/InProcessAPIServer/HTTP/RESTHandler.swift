import KarpenterAPI
import NIOConcurrencyHelpers

/// Turns a request into an answer: authentication, injected failures, routing to the
/// store's verbs, and the request log.
struct RESTHandler: Sendable {
    let store: ObjectStore
    let authenticator: Authenticator
    let hooks: TestHookState
    let serverAddress: NIOLockedValueBox<String>

    func handle(_ request: APIRequest) -> RequestOutcome {
        let verdict = authenticator.authenticate(request)
        var user: String?
        let outcome: RequestOutcome
        switch verdict {
        case .refused:
            outcome = .reply(.failure(.unauthorized))
        case .user(let name):
            user = name
            outcome = authorized(request)
        case .anonymous:
            outcome = authorized(request)
        }
        let status: Int
        switch outcome {
        case .reply(let reply): status = reply.status
        case .watch: status = 200
        }
        hooks.record(RecordedRequest(method: request.method, path: request.path, query: request.rawQuery, user: user, status: status))
        return outcome
    }

    private func authorized(_ request: APIRequest) -> RequestOutcome {
        if let injected = hooks.takeFailure(method: request.method, path: request.path) {
            return .reply(.failure(injected))
        }
        do {
            return try route(request)
        } catch {
            return .reply(.failure(error))
        }
    }

    private func route(_ request: APIRequest) throws(APIError) -> RequestOutcome {
        guard let route = Route.parse(request.path) else { throw .resourceNotFound }
        let method = request.method
        switch route {
        case .version:
            guard method == "GET" else { throw .methodNotAllowed }
            return .reply(.json(200, DiscoveryDocuments.version()))
        case .health:
            guard method == "GET" || method == "HEAD" else { throw .methodNotAllowed }
            return .reply(.text(200, "ok"))
        case .apiVersions:
            guard method == "GET" else { throw .methodNotAllowed }
            return .reply(.json(200, DiscoveryDocuments.apiVersions(serverAddress: serverAddress.withLockedValue { $0 })))
        case .apiGroupList:
            guard method == "GET" else { throw .methodNotAllowed }
            return .reply(.json(200, DiscoveryDocuments.groupList()))
        case .apiGroup(let name):
            guard method == "GET" else { throw .methodNotAllowed }
            guard let document = DiscoveryDocuments.group(name) else { throw .resourceNotFound }
            return .reply(.json(200, document))
        case .resourceList(let group, let version):
            guard method == "GET" else { throw .methodNotAllowed }
            return .reply(.json(200, DiscoveryDocuments.resourceList(group: group, version: version)))
        case .openAPIRoot:
            guard method == "GET" else { throw .methodNotAllowed }
            return .reply(.json(200, OpenAPIDocuments.root()))
        case .openAPIGroupVersion(let group, let version):
            guard method == "GET" else { throw .methodNotAllowed }
            guard let document = OpenAPIDocuments.groupVersion(group: group, version: version) else { throw .resourceNotFound }
            return .reply(.json(200, document))
        case .collection(let type, let namespace):
            return try collection(request, type: type, namespace: namespace)
        case .object(let type, let namespace, let name):
            return try object(request, type: type, namespace: namespace, name: name)
        case .subresource(let type, let namespace, let name, let subresource):
            return try subresourceRequest(request, type: type, namespace: namespace, name: name, subresource: subresource)
        }
    }

    private func collection(_ request: APIRequest, type: ResourceType, namespace: String?) throws(APIError) -> RequestOutcome {
        switch request.method {
        case "GET":
            if request.query.flag("watch") {
                return .watch(try RequestDecoding.watchPlan(type, namespace: namespace, query: request.query))
            }
            let options = try RequestDecoding.listOptions(request.query)
            let list = try store.list(type, namespace: namespace, options: options)
            return .reply(.json(200, list.json(as: type)))
        case "POST":
            guard namespace != nil || !type.namespaced else { throw .methodNotAllowed }
            let body = try RequestDecoding.body(request)
            let dryRun = try RequestDecoding.dryRun(request.query)
            let validation = try RequestDecoding.fieldValidation(request.query)
            let result = try store.perform { (state: inout StoreState) throws(APIError) -> WriteResult in
                try state.create(body, type: type, namespace: namespace, dryRun: dryRun, fieldValidation: validation)
            }
            return .reply(.json(201, result.object, warnings: result.warnings))
        case "DELETE":
            guard type.verbs.contains("deletecollection") else { throw .methodNotAllowed }
            let listOptions = try RequestDecoding.listOptions(request.query)
            let options = try RequestDecoding.deleteOptions(request)
            let deleted = try store.perform { (state: inout StoreState) throws(APIError) -> [JSONValue] in
                try state.deleteCollection(type, namespace: namespace, listOptions: listOptions, options: options)
            }
            let list = ObjectList(items: deleted, resourceVersion: store.resourceVersion)
            return .reply(.json(200, list.json(as: type)))
        default:
            throw .methodNotAllowed
        }
    }

    private func object(_ request: APIRequest, type: ResourceType, namespace: String?, name: String) throws(APIError) -> RequestOutcome {
        switch request.method {
        case "GET":
            if request.query.flag("watch") {
                return .watch(try RequestDecoding.watchPlan(type, namespace: namespace, query: request.query, name: name))
            }
            return .reply(.json(200, try store.get(type, namespace: namespace, name: name)))
        case "PUT":
            return .reply(try update(request, type: type, namespace: namespace, name: name, status: false))
        case "PATCH":
            return .reply(try patch(request, type: type, namespace: namespace, name: name, status: false))
        case "DELETE":
            let options = try RequestDecoding.deleteOptions(request)
            let outcome = try store.perform { (state: inout StoreState) throws(APIError) -> DeleteOutcome in
                try state.delete(type, namespace: namespace, name: name, options: options)
            }
            return .reply(.json(200, outcome.object))
        default:
            throw .methodNotAllowed
        }
    }

    private func subresourceRequest(_ request: APIRequest, type: ResourceType, namespace: String?, name: String,
                                    subresource: ResourceType.Subresource) throws(APIError) -> RequestOutcome {
        switch (subresource, request.method) {
        case (.status, "GET"):
            return .reply(.json(200, try store.get(type, namespace: namespace, name: name)))
        case (.status, "PUT"):
            return .reply(try update(request, type: type, namespace: namespace, name: name, status: true))
        case (.status, "PATCH"):
            return .reply(try patch(request, type: type, namespace: namespace, name: name, status: true))
        case (.eviction, "POST"):
            let body = try RequestDecoding.body(request)
            try store.perform { (state: inout StoreState) throws(APIError) in
                try state.evict(namespace: namespace ?? "", podName: name, body: body)
            }
            return .reply(.success(code: 201))
        case (.binding, "POST"):
            let body = try RequestDecoding.body(request)
            try store.perform { (state: inout StoreState) throws(APIError) in
                try state.bind(namespace: namespace ?? "", podName: name, body: body)
            }
            return .reply(.success(code: 201))
        default:
            throw .methodNotAllowed
        }
    }

    private func update(_ request: APIRequest, type: ResourceType, namespace: String?, name: String, status: Bool) throws(APIError) -> HTTPReply {
        let body = try RequestDecoding.body(request)
        let dryRun = try RequestDecoding.dryRun(request.query)
        let validation = try RequestDecoding.fieldValidation(request.query)
        let existed = (try? store.get(type, namespace: namespace, name: name)) != nil
        let result = try store.perform { (state: inout StoreState) throws(APIError) -> WriteResult in
            try state.update(body, type: type, namespace: namespace, name: name, status: status, dryRun: dryRun, fieldValidation: validation)
        }
        return .json(existed ? 200 : 201, result.object, warnings: result.warnings)
    }

    private func patch(_ request: APIRequest, type: ResourceType, namespace: String?, name: String, status: Bool) throws(APIError) -> HTTPReply {
        let (document, patchType) = try RequestDecoding.patch(request, for: type)
        let dryRun = try RequestDecoding.dryRun(request.query)
        let validation = try RequestDecoding.fieldValidation(request.query)
        let result = try store.perform { (state: inout StoreState) throws(APIError) -> WriteResult in
            try state.patch(type, namespace: namespace, name: name, patch: document, patchType: patchType,
                            status: status, dryRun: dryRun, fieldValidation: validation)
        }
        return .json(200, result.object, warnings: result.warnings)
    }
}
