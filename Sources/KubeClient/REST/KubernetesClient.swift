import Foundation
import KarpenterAPI

/// Typed REST access to one API server, for built-in and custom resources. Objects travel as
/// `JSONValue` trees so unknown fields survive a read-modify-write. Every failure is a
/// `KubeClientError`; the API server's own refusals carry its decoded `Status`.
/// Call `shutdown()` when done, or use `withClient`.
public final class KubernetesClient: Sendable {
    public let config: RESTConfig
    let transport: HTTPTransport

    public init(config: RESTConfig, options: ClientOptions = ClientOptions()) throws(KubeClientError) {
        self.config = config
        transport = try HTTPTransport(config: config, options: options)
    }

    /// Runs `body` with a client and shuts it down afterwards, whatever `body` does.
    public static func withClient<Result: Sendable>(
        config: RESTConfig, options: ClientOptions = ClientOptions(),
        _ body: (KubernetesClient) async throws -> Result
    ) async throws -> Result {
        let client = try KubernetesClient(config: config, options: options)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    public func shutdown() async { await transport.shutdown() }

    /// The namespace of the configuration (kubeconfig context or service account).
    public var defaultNamespace: String { config.namespace }

    // MARK: Reads

    public func get(_ resource: APIResource, name: String, namespace: String? = nil) async throws(KubeClientError) -> JSONValue {
        let path = resource.objectPath(name: name, namespace: namespace ?? defaultNamespace)
        return try await object(KubeRequest(method: "GET", path: path), resource: resource)
    }

    /// One page; `namespace` nil lists a namespaced resource across all namespaces.
    public func list(_ resource: APIResource, namespace: String? = nil,
                     options: ListOptions = ListOptions()) async throws(KubeClientError) -> ObjectList {
        let request = KubeRequest(method: "GET", path: resource.collectionPath(namespace: namespace), query: options.query)
        let body = try await json(request)
        let items = (body["items"]?.arrayValue ?? []).map { Self.filledIn($0, resource: resource) }
        let metadata = body["metadata"]
        return ObjectList(items: items, resourceVersion: metadata?["resourceVersion"]?.stringValue ?? "",
                          continueToken: metadata?["continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
                          remainingItemCount: metadata?["remainingItemCount"]?.integerValue.map(Int.init))
    }

    /// Every page, following `continue` tokens. If a token expires mid-way (410) the list
    /// starts over without pagination, as client-go's pager does.
    public func listAll(_ resource: APIResource, namespace: String? = nil, labelSelector: String? = nil,
                        fieldSelector: String? = nil, pageSize: Int = 500) async throws(KubeClientError) -> ObjectList {
        var options = ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector, limit: pageSize)
        var items: [JSONValue] = []
        while true {
            let page: ObjectList
            do {
                page = try await list(resource, namespace: namespace, options: options)
            } catch let error where error.status?.isGone == true && options.continueToken != nil {
                return try await list(resource, namespace: namespace,
                                      options: ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector))
            }
            items += page.items
            guard let next = page.continueToken else {
                return ObjectList(items: items, resourceVersion: page.resourceVersion)
            }
            options.continueToken = next
        }
    }

    /// `GET /version`: the server's build (gitVersion, platform).
    public func serverVersion() async throws(KubeClientError) -> JSONValue {
        try await json(KubeRequest(method: "GET", path: "/version"))
    }

    // MARK: Writes

    /// Creates `object`; its namespace comes from `namespace`, else its metadata, else the default.
    public func create(_ resource: APIResource, _ object: JSONValue, namespace: String? = nil) async throws(KubeClientError) -> JSONValue {
        let target = resource.namespaced ? namespace ?? Self.namespace(of: object) ?? defaultNamespace : nil
        let request = KubeRequest(method: "POST", path: resource.collectionPath(namespace: target),
                                  body: Array(JSONWriter.string(Self.filledIn(object, resource: resource)).utf8))
        return try await self.object(request, resource: resource)
    }

    /// PUT: replaces the object. With `metadata.resourceVersion` set, a concurrent change
    /// makes this fail with 409 Conflict (`error.kubeStatus?.isConflict`).
    public func update(_ resource: APIResource, _ object: JSONValue) async throws(KubeClientError) -> JSONValue {
        try await put(resource, object, subresource: nil)
    }

    /// PUT to the status subresource: only `.status` changes.
    public func updateStatus(_ resource: APIResource, _ object: JSONValue) async throws(KubeClientError) -> JSONValue {
        try await put(resource, object, subresource: "status")
    }

    public func patch(_ resource: APIResource, name: String, namespace: String? = nil, _ patch: Patch,
                      subresource: String? = nil) async throws(KubeClientError) -> JSONValue {
        let path = resource.objectPath(name: name, namespace: namespace ?? defaultNamespace, subresource: subresource)
        let request = KubeRequest(method: "PATCH", path: path, body: Array(JSONWriter.string(patch.body).utf8),
                                  contentType: patch.contentType)
        return try await object(request, resource: resource)
    }

    public func delete(_ resource: APIResource, name: String, namespace: String? = nil,
                       options: DeleteOptions = DeleteOptions()) async throws(KubeClientError) -> DeleteResult {
        let path = resource.objectPath(name: name, namespace: namespace ?? defaultNamespace)
        let body = try await json(KubeRequest(method: "DELETE", path: path, body: Array(JSONWriter.string(options.body).utf8)))
        guard body["kind"]?.stringValue != "Status" else { return DeleteResult(object: nil, stillExists: false) }
        let object = Self.filledIn(body, resource: resource)
        let metadata = object["metadata"]
        let terminating = metadata?["deletionTimestamp"]?.stringValue != nil
        let finalizers = metadata?["finalizers"]?.arrayValue?.isEmpty == false
        let grace = metadata?["deletionGracePeriodSeconds"]?.integerValue ?? 0
        return DeleteResult(object: object, stillExists: terminating && (finalizers || grace > 0))
    }

    /// Evicts a pod through `pods/eviction`, so PodDisruptionBudgets are honoured. A budget
    /// that allows no disruption answers 429 (`error.kubeStatus?.isTooManyRequests`); that is
    /// not retried here: the caller decides when to try again.
    public func evict(pod name: String, namespace: String, options: DeleteOptions? = nil) async throws(KubeClientError) {
        var eviction: [(String, JSONValue)] = [
            ("apiVersion", .string("policy/v1")), ("kind", .string("Eviction")),
            ("metadata", .object(["name": .string(name), "namespace": .string(namespace)])),
        ]
        if let options { eviction.append(("deleteOptions", options.body)) }
        let request = KubeRequest(method: "POST", path: APIResource.pods.objectPath(name: name, namespace: namespace, subresource: "eviction"),
                                  body: Array(JSONWriter.string(.object(.init(uniqueKeysWithValues: eviction))).utf8),
                                  retry: RetryPolicy.none)
        _ = try await transport.send(request)
    }

    /// Binds a pending pod to a node, as kube-scheduler does (`pods/binding`).
    public func bind(pod name: String, namespace: String, toNode node: String) async throws(KubeClientError) {
        let binding: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("Binding"),
            "metadata": .object(["name": .string(name), "namespace": .string(namespace)]),
            "target": .object(["apiVersion": .string("v1"), "kind": .string("Node"), "name": .string(node)]),
        ])
        let request = KubeRequest(method: "POST", path: APIResource.pods.objectPath(name: name, namespace: namespace, subresource: "binding"),
                                  body: Array(JSONWriter.string(binding).utf8))
        _ = try await transport.send(request)
    }

    // MARK: Plumbing

    private func put(_ resource: APIResource, _ object: JSONValue, subresource: String?) async throws(KubeClientError) -> JSONValue {
        guard let name = object["metadata"]?["name"]?.stringValue, !name.isEmpty else {
            throw .malformedResponse(path: resource.qualifiedName, reason: "the object to update has no metadata.name")
        }
        let path = resource.objectPath(name: name, namespace: Self.namespace(of: object) ?? defaultNamespace, subresource: subresource)
        let request = KubeRequest(method: "PUT", path: path, body: Array(JSONWriter.string(Self.filledIn(object, resource: resource)).utf8))
        return try await self.object(request, resource: resource)
    }

    private func object(_ request: KubeRequest, resource: APIResource) async throws(KubeClientError) -> JSONValue {
        Self.filledIn(try await json(request), resource: resource)
    }

    func json(_ request: KubeRequest) async throws(KubeClientError) -> JSONValue {
        let response = try await transport.send(request)
        do {
            return try JSONBodyParser.parse(response.body)
        } catch {
            throw .malformedResponse(path: request.path, reason: "\(error)")
        }
    }

    static func namespace(of object: JSONValue) -> String? {
        object["metadata"]?["namespace"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// kind and apiVersion first, as kubectl prints objects.
    static func filledIn(_ object: JSONValue, resource: APIResource) -> JSONValue {
        guard case .object(var fields) = object else { return object }
        if fields["kind"]?.stringValue == "Status" { return object }
        if fields["apiVersion"] == nil { fields.updateValue(.string(resource.apiVersion), forKey: "apiVersion", insertingAt: 0) }
        if fields["kind"] == nil { fields.updateValue(.string(resource.kind), forKey: "kind", insertingAt: 1) }
        return .object(fields)
    }
}
