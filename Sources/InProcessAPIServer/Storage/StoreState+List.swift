import Foundation
import KarpenterAPI

/// One page of a list.
public struct ObjectList: Sendable {
    public var items: [JSONValue]
    public var resourceVersion: String
    public var continueToken: String?
    public var remainingItemCount: Int64?

    /// The `PodList`-style object the REST API answers with.
    public func json(as type: ResourceType) -> JSONValue {
        var metadata: JSONValue = .object(["resourceVersion": .string(resourceVersion)])
        if let continueToken { metadata["continue"] = .string(continueToken) }
        if let remainingItemCount { metadata["remainingItemCount"] = .int(remainingItemCount) }
        return .object([
            "kind": .string(type.listKind), "apiVersion": .string(type.apiVersion),
            "metadata": metadata, "items": .array(items),
        ])
    }
}

/// The opaque `continue` token: the snapshot's resourceVersion and the last key returned.
struct ContinueToken: Codable {
    var v = "meta.k8s.io/v1"
    var rv: Int64
    var start: String

    func encoded() -> String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString()
    }

    static func decode(_ text: String) throws(APIError) -> ContinueToken {
        guard let data = Data(base64Encoded: text) ?? Data(base64Encoded: text.padding(toLength: ((text.count + 3) / 4) * 4, withPad: "=", startingAt: 0)),
              let token = try? JSONDecoder().decode(ContinueToken.self, from: data),
              token.v == "meta.k8s.io/v1" else {
            throw .badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
        }
        return token
    }

    var startName: ObjectName {
        let parts = start.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 ? ObjectName(namespace: String(parts[0]), name: String(parts[1])) : ObjectName(namespace: "", name: start)
    }
}

extension StoreState {
    static let expiredContinueMessage = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."

    func list(_ type: ResourceType, namespace: String?, options: ListOptions) throws(APIError) -> ObjectList {
        try options.fieldSelector.validate(for: type)
        var snapshotVersion = resourceVersion
        var startAfter: ObjectName?
        if let text = options.continueToken, !text.isEmpty {
            if let requested = options.resourceVersion, !requested.isEmpty {
                throw .badRequest("specifying resource version is not allowed when using continue")
            }
            let token = try ContinueToken.decode(text)
            startAfter = token.startName
            if token.rv >= 0 {
                guard history.covers(since: token.rv) else {
                    var error = APIError.expired(Self.expiredContinueMessage)
                    error.continueToken = ContinueToken(rv: -1, start: token.start).encoded()
                    throw error
                }
                snapshotVersion = min(token.rv, resourceVersion)
            }
        } else if let text = options.resourceVersion, !text.isEmpty, text != "0", options.resourceVersionMatch == "Exact" {
            let requested = try Self.parseResourceVersion(text)
            guard history.covers(since: requested) else {
                throw .expired("too old resource version: \(requested) (\(history.compactedThrough))")
            }
            snapshotVersion = min(requested, resourceVersion)
        }

        let objects = snapshotVersion == resourceVersion
            ? all(type)
            : history.snapshot(of: all(type), storageKey: type.storageKey, at: snapshotVersion)
        let selected = objects
            .filter { entry in
                (namespace == nil || entry.key.namespace == namespace) && (startAfter.map { entry.key > $0 } ?? true)
            }
            .sorted { $0.key < $1.key }
            .filter { matches($0.value, type: type, options: options) }

        var page = selected
        var continueToken: String?
        var remaining: Int64?
        if let limit = options.limit, limit > 0, selected.count > limit {
            page = Array(selected.prefix(limit))
            if let last = page.last?.key {
                continueToken = ContinueToken(rv: snapshotVersion, start: "\(last.namespace)/\(last.name)").encoded()
            }
            if options.labelSelector.isEmpty && options.fieldSelector.isEmpty {
                remaining = Int64(selected.count - limit)
            }
        }
        return ObjectList(items: page.map { type.present($0.value) }, resourceVersion: String(snapshotVersion),
                          continueToken: continueToken, remainingItemCount: remaining)
    }

    private func matches(_ object: JSONValue, type: ResourceType, options: ListOptions) -> Bool {
        options.labelSelector.matches(object.labels)
            && options.fieldSelector.matches(SelectableFields.values(of: object, type: type))
    }
}
