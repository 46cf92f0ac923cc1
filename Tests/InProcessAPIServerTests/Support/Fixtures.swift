import KarpenterAPI

/// Objects for the tests, written as YAML for readability.
enum Fixtures {
    static func yaml(_ text: String) -> JSONValue {
        (try? ManifestParser.parse(text: text).first?.value) ?? .null
    }

    static func configMap(_ name: String, namespace: String = "default", labels: [String: String] = [:],
                          data: [String: String] = ["key": "value"]) -> JSONValue {
        var object = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \(name), namespace: \(namespace)}")
        if !labels.isEmpty { object["metadata"]?["labels"] = .object(.init(uniqueKeysWithValues: labels.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })) }
        object["data"] = .object(.init(uniqueKeysWithValues: data.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        return object
    }

    static func pod(_ name: String, namespace: String = "default", labels: [String: String] = ["app": "web"],
                    nodeName: String? = nil, ownerReferences: [JSONValue] = []) -> JSONValue {
        var object = yaml("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
          namespace: \(namespace)
        spec:
          containers:
          - name: app
            image: nginx:1.27
            resources:
              requests: {cpu: 100m, memory: 128Mi}
        """)
        object["metadata"]?["labels"] = .object(.init(uniqueKeysWithValues: labels.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        if let nodeName { object["spec"]?["nodeName"] = .string(nodeName) }
        if !ownerReferences.isEmpty { object["metadata"]?["ownerReferences"] = .array(ownerReferences) }
        return object
    }

    static func runningReadyStatus() -> JSONValue {
        yaml("""
        phase: Running
        conditions:
        - {type: Ready, status: "True"}
        - {type: PodScheduled, status: "True"}
        """)
    }

    static func node(_ name: String) -> JSONValue {
        yaml("""
        apiVersion: v1
        kind: Node
        metadata:
          name: \(name)
          labels: {kubernetes.io/hostname: \(name)}
        spec: {}
        status:
          capacity: {cpu: "4", memory: 16Gi, pods: "110"}
        """)
    }

    static func pdb(_ name: String, namespace: String = "default", minAvailable: JSONValue? = nil,
                    maxUnavailable: JSONValue? = nil, selector: String = "{matchLabels: {app: web}}") -> JSONValue {
        var object = yaml("""
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          selector: \(selector)
        """)
        if let minAvailable { object["spec"]?["minAvailable"] = minAvailable }
        if let maxUnavailable { object["spec"]?["maxUnavailable"] = maxUnavailable }
        return object
    }

    static func nodePool(_ name: String = "general", weight: Int? = nil) -> JSONValue {
        var object = yaml("""
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata:
          name: \(name)
        spec:
          template:
            spec:
              nodeClassRef:
                group: karpenter.azure.com
                kind: AKSNodeClass
                name: default
              requirements:
              - key: kubernetes.io/arch
                operator: In
                values: [amd64]
        """)
        if let weight { object["spec"]?["weight"] = .int(Int64(weight)) }
        return object
    }

    static func ownerReference(kind: String, name: String, uid: String, controller: Bool = true,
                               blockOwnerDeletion: Bool = false, apiVersion: String = "apps/v1") -> JSONValue {
        .object([
            "apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name), "uid": .string(uid),
            "controller": .bool(controller), "blockOwnerDeletion": .bool(blockOwnerDeletion),
        ])
    }
}

extension JSONValue {
    /// `metadata.<field>` as a string.
    func meta(_ field: String) -> String? { self["metadata"]?[field]?.stringValue }
}
