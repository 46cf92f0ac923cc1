import KarpenterAPI
import KarpenterDisruption
import OrderedCollections

/// `disrupt node NAME --dry-run -o json`.
enum NodeRemovalJSON {
    static func render(_ report: NodeRemovalReport) -> JSONValue {
        let simulation = report.simulation
        var root = OrderedDictionary<String, JSONValue>()
        root["node"] = .string(report.node.name)
        root["nodeClaim"] = .string(report.nodeClaim)
        root["nodePool"] = optional(simulation.nodePool ?? report.node.nodePool)
        root["instanceType"] = optional(report.node.instanceType)
        root["zone"] = optional(report.node.zone)
        root["capacityType"] = optional(report.node.capacityType)
        root["notes"] = .array(report.notes.map(JSONValue.string))
        root["pods"] = .array(simulation.pods.map { move in
            var entry = OrderedDictionary<String, JSONValue>()
            entry["pod"] = .string(move.pod)
            switch move.destination {
            case .node(let name):
                entry["destination"] = .object(["kind": .string("Node"), "name": .string(name)])
            case .newNodeClaim(let name):
                entry["destination"] = .object(["kind": .string("NewNodeClaim"), "name": .string(name)])
            case nil:
                entry["destination"] = .null
                entry["unschedulableReason"] = optional(move.unschedulableReason)
            }
            return .object(entry)
        })
        root["newNodeClaims"] = .array(simulation.newNodes.map { new in
            .object(["name": .string(new.name), "nodePool": .string(new.nodePool), "instanceType": .string(new.instanceType),
                     "zone": .string(new.zone), "capacityType": .string(new.capacityType), "price": SimulationJSON.number(new.price),
                     "instanceTypeOptions": .int(Int64(new.instanceTypeOptions)), "pods": .array(new.pods.map(JSONValue.string))])
        })
        root["unschedulable"] = .array(simulation.unschedulable.map { .string($0.pod) })
        root["blockers"] = .array(report.blockers.map(JSONValue.string))
        root["candidateBlock"] = optional(report.otherBlock)
        root["budgets"] = budgets(simulation.budgets)
        root["budgetAllows"] = .bool(simulation.budgetAllows)
        root["currentPrice"] = report.price.map(SimulationJSON.number) ?? .null
        root["replacementPrice"] = SimulationJSON.number(simulation.replacementPrice)
        root["hourlyCostChange"] = SimulationJSON.number(simulation.replacementPrice - (report.price ?? simulation.currentPrice))
        root["consolidationVerdict"] = .string(simulation.consolidationVerdict)
        root["disruptWould"] = .string(report.wouldRefuse ? "refuse" : "delete-nodeclaim")
        return .object(root)
    }

    /// `{"Empty": 1, "Underutilized": null, ...}`: remaining disruptions, null for unlimited.
    static func budgets(_ budgets: [KarpenterDisruption.DisruptionReason: Int?]) -> JSONValue {
        var entries = OrderedDictionary<String, JSONValue>()
        for reason in KarpenterDisruption.DisruptionReason.allCases {
            guard let remaining = budgets[reason] else { continue }
            entries[reason.rawValue] = remaining.map { JSONValue.int(Int64($0)) } ?? JSONValue.null
        }
        return .object(entries)
    }

    static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }
}
