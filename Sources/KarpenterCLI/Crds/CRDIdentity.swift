import KarpenterAPI

/// What a CustomResourceDefinition says besides the schema: names, scope, subresources and
/// printer columns (API.md sections 1 to 3). The schemas themselves come from the core.
struct CRDIdentity {
    struct Column {
        let name: String
        let type: String
        let jsonPath: String
        var priority = 0
    }

    let group: String
    let kind: String
    let plural: String
    let shortNames: [String]
    let categories: [String]
    let storageVersion: String
    let scale: (spec: String, status: String)?
    let columns: [Column]
    /// NodePools and NodeClaims convert between karpenter.sh/v1beta1 and v1 through the webhook.
    let convertsThroughWebhook: Bool

    var name: String { "\(plural).\(group)" }
    var fileName: String { "\(group)_\(plural).yaml" }

    static let ready = Column(name: "Ready", type: "string", jsonPath: #".status.conditions[?(@.type=="Ready")].status"#)
    static let age = Column(name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp")

    static let all: [CRDIdentity] = [
        CRDIdentity(
            group: "karpenter.sh", kind: "NodePool", plural: "nodepools", shortNames: [], categories: ["karpenter"],
            storageVersion: "v1", scale: (".spec.replicas", ".status.nodes"),
            columns: [
                Column(name: "NodeClass", type: "string", jsonPath: ".spec.template.spec.nodeClassRef.name"),
                Column(name: "Nodes", type: "string", jsonPath: ".status.nodes"),
                ready, age,
                Column(name: "Weight", type: "integer", jsonPath: ".spec.weight", priority: 1),
                Column(name: "CPU", type: "string", jsonPath: ".status.resources.cpu", priority: 1),
                Column(name: "Memory", type: "string", jsonPath: ".status.resources.memory", priority: 1),
            ],
            convertsThroughWebhook: true
        ),
        CRDIdentity(
            group: "karpenter.sh", kind: "NodeClaim", plural: "nodeclaims", shortNames: [], categories: ["karpenter"],
            storageVersion: "v1", scale: nil,
            columns: [
                Column(name: "Type", type: "string", jsonPath: #".metadata.labels.node\.kubernetes\.io/instance-type"#),
                Column(name: "Capacity", type: "string", jsonPath: #".metadata.labels.karpenter\.sh/capacity-type"#),
                Column(name: "Zone", type: "string", jsonPath: #".metadata.labels.topology\.kubernetes\.io/zone"#),
                Column(name: "Node", type: "string", jsonPath: ".status.nodeName"),
                ready, age,
                Column(name: "ID", type: "string", jsonPath: ".status.providerID", priority: 1),
                Column(name: "NodePool", type: "string", jsonPath: #".metadata.labels.karpenter\.sh/nodepool"#, priority: 1),
                Column(name: "NodeClass", type: "string", jsonPath: ".spec.nodeClassRef.name", priority: 1),
                Column(name: "Drifted", type: "string", jsonPath: #".status.conditions[?(@.type=="Drifted")].status"#, priority: 1),
            ],
            convertsThroughWebhook: true
        ),
        CRDIdentity(
            group: "karpenter.azure.com", kind: "AKSNodeClass", plural: "aksnodeclasses", shortNames: ["aksnc", "aksncs"],
            categories: ["karpenter", "nap"], storageVersion: "v1beta1", scale: nil,
            columns: [ready, age, Column(name: "ImageFamily", type: "string", jsonPath: ".spec.imageFamily", priority: 1)],
            convertsThroughWebhook: false
        ),
    ]
}
