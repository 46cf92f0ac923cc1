/// The schemas of every kind and version this project serves, parsed once.
public enum SchemaRegistry {
    public static let all: [CRDSchema] = {
        let sources: [(String, String)] = [
            ("NodePool", EmbeddedSchemas.nodePoolV1),
            ("NodeClaim", EmbeddedSchemas.nodeClaimV1),
            ("AKSNodeClass", EmbeddedSchemas.aksNodeClassV1alpha2),
            ("NodePool", EmbeddedSchemas.nodePoolV1beta1),
            ("NodeClaim", EmbeddedSchemas.nodeClaimV1beta1),
        ]
        var schemas: [CRDSchema] = []
        for (kind, text) in sources {
            // The embedded schemas are generated and covered by tests; a failure here is a build defect.
            guard let schema = try? CRDSchema(kind: kind, flattened: text) else {
                preconditionFailure("embedded \(kind) schema does not parse; regenerate it")
            }
            schemas.append(schema)
        }
        // AKSNodeClass v1beta1 is served with exactly the v1alpha2 schema.
        if let alpha = schemas.first(where: { $0.kind == "AKSNodeClass" }) {
            schemas.append(alpha.withVersion("v1beta1", storage: true, deprecated: false))
        }
        return schemas
    }()

    /// The schema for `apiVersion` (`group/version`) and `kind`, or nil for kinds we do not own.
    public static func schema(apiVersion: String, kind: String) -> CRDSchema? {
        all.first { "\($0.group)/\($0.version)" == apiVersion && $0.kind == kind }
    }

    /// True when the group and kind are ours, whatever the version.
    public static func ownsKind(apiVersion: String, kind: String) -> Bool {
        let group = apiVersion.split(separator: "/").first.map(String.init) ?? ""
        return all.contains { $0.group == group && $0.kind == kind }
    }
}

extension CRDSchema {
    func withVersion(_ version: String, storage: Bool, deprecated: Bool) -> CRDSchema {
        var copy = self
        copy.version = version
        copy.storage = storage
        copy.deprecated = deprecated
        return copy
    }
}
