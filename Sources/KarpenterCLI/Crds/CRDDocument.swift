import KarpenterAPI
import OrderedCollections

/// Builds one CustomResourceDefinition from the core's schemas for every served version.
struct CRDDocument {
    struct WebhookService {
        var name = "karpenter-webhook"
        var namespace = "kube-system"
        var port = 443
    }

    let identity: CRDIdentity
    let service: WebhookService

    func json() -> JSONValue {
        let schemas = SchemaRegistry.all
            .filter { $0.group == identity.group && $0.kind == identity.kind }
            .sorted { $0.version == identity.storageVersion && $1.version != identity.storageVersion }
        var names: OrderedDictionary<String, JSONValue> = [:]
        if !identity.categories.isEmpty { names["categories"] = .array(identity.categories.map { .string($0) }) }
        names["kind"] = .string(identity.kind)
        names["listKind"] = .string(identity.kind + "List")
        names["plural"] = .string(identity.plural)
        if !identity.shortNames.isEmpty { names["shortNames"] = .array(identity.shortNames.map { .string($0) }) }
        names["singular"] = .string(identity.kind.lowercased())

        var spec: OrderedDictionary<String, JSONValue> = [:]
        if identity.convertsThroughWebhook && schemas.count > 1 {
            spec["conversion"] = .object([
                "strategy": .string("Webhook"),
                "webhook": .object([
                    "clientConfig": .object(["service": .object([
                        "name": .string(service.name), "namespace": .string(service.namespace),
                        "path": .string("/convert"), "port": .int(Int64(service.port)),
                    ])]),
                    "conversionReviewVersions": .array([.string("v1")]),
                ]),
            ])
        }
        spec["group"] = .string(identity.group)
        spec["names"] = .object(names)
        spec["scope"] = .string("Cluster")
        spec["versions"] = .array(schemas.map(version))

        return .object([
            "apiVersion": .string("apiextensions.k8s.io/v1"),
            "kind": .string("CustomResourceDefinition"),
            "metadata": .object(["name": .string(identity.name)]),
            "spec": .object(spec),
        ])
    }

    private func version(_ schema: CRDSchema) -> JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [:]
        members["additionalPrinterColumns"] = .array(identity.columns.map { column in
            var value: OrderedDictionary<String, JSONValue> = [
                "jsonPath": .string(column.jsonPath), "name": .string(column.name),
            ]
            if column.priority != 0 { value["priority"] = .int(Int64(column.priority)) }
            value["type"] = .string(column.type)
            return .object(value)
        })
        let storage = schema.version == identity.storageVersion
        if schema.deprecated && !storage { members["deprecated"] = .bool(true) }
        members["name"] = .string(schema.version)
        members["schema"] = .object(["openAPIV3Schema": OpenAPISchema.json(schema.root)])
        members["served"] = .bool(schema.served)
        members["storage"] = .bool(storage)
        var subresources: OrderedDictionary<String, JSONValue> = [:]
        if let scale = identity.scale, schema.version == identity.storageVersion {
            subresources["scale"] = .object(["specReplicasPath": .string(scale.spec), "statusReplicasPath": .string(scale.status)])
        }
        subresources["status"] = .object([:])
        members["subresources"] = .object(subresources)
        return .object(members)
    }
}
