import Foundation
import KarpenterAPI
import KarpenterScheduling

/// A NodePool with its disruption settings parsed and its instance types indexed by name.
struct NodePoolState: Sendable {
    let name: String
    let nodePool: NodePool
    let json: JSONValue
    /// nil when the node class is missing or yields no types ("NodePool not found").
    let instanceTypes: [String: InstanceType]?
    /// nil means `Never` (consolidation disabled); unparsable values count as disabled too.
    let consolidateAfter: GoDuration?
    let expireAfter: GoDuration?
    let policy: ConsolidationPolicy
    let isStatic: Bool
    /// `TemplateHash.nodePool` of the stored object (drift).
    let templateHash: String

    init(nodePool: NodePool, json: JSONValue, instanceTypes: [InstanceType]?) {
        self.nodePool = nodePool
        self.json = json
        name = nodePool.metadata.name ?? ""
        if let instanceTypes, !instanceTypes.isEmpty {
            var byName: [String: InstanceType] = [:]
            for type in instanceTypes { byName[type.name] = type }
            self.instanceTypes = byName
        } else {
            self.instanceTypes = nil
        }
        let disruption = nodePool.spec.disruption
        consolidateAfter = (try? NillableDuration(parsing: disruption.consolidateAfter ?? "0s"))?.duration
        expireAfter = (try? NillableDuration(parsing: nodePool.spec.template.spec.expireAfter ?? "720h"))?.duration
        policy = disruption.effectiveConsolidationPolicy
        isStatic = nodePool.spec.replicas != nil
        templateHash = TemplateHash.nodePool(json)
    }

    var consolidationDisabled: Bool { consolidateAfter == nil }
}
