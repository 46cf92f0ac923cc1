import KarpenterAPI

/// Turns NodePools into scheduling templates in the order they are tried: usable NodePools
/// only, heaviest weight first, ties by name descending (SCHEDULING.md §4.2).
struct TemplateBuilder {
    let wellKnown: LabelKeySet
    let daemons: DaemonSetPods

    func build(_ nodePools: [NodePool], instanceTypes: [String: [InstanceType]],
               existing: [ExistingNodeState]) -> (templates: [NodePoolTemplate], dropped: [(String, SchedulingFailure)]) {
        var templates: [NodePoolTemplate] = []
        var dropped: [(String, SchedulingFailure)] = []
        let ordered = nodePools.sorted { a, b in
            let (wa, wb) = (a.spec.weight ?? 0, b.spec.weight ?? 0)
            return wa != wb ? wa > wb : (a.metadata.name ?? "") > (b.metadata.name ?? "")
        }
        for nodePool in ordered {
            let name = nodePool.metadata.name ?? ""
            if nodePool.metadata.deletionTimestamp != nil { continue }
            if nodePool.spec.replicas != nil {
                dropped.append((name, SchedulingFailure(.noInstanceTypesInNodePool, "nodepool \(name) is static (spec.replicas is set) and never provisions for pending pods",
                                                        hint: "use a dynamic NodePool (without replicas) for pending pods", candidate: "nodepool/\(name)")))
                continue
            }
            if let ready = nodePool.status?.conditions?.first(where: { $0.type == "Ready" }), ready.status.rawValue == "False" {
                dropped.append((name, SchedulingFailure(.noInstanceTypesInNodePool, "nodepool \(name) is not ready: \(ready.message ?? ready.reason ?? "")",
                                                        hint: "fix the NodePool or its node class until its Ready condition is True", candidate: "nodepool/\(name)")))
                continue
            }
            let (requirements, labels) = NodePoolTemplate.requirements(of: nodePool)
            let offered = instanceTypes[name] ?? []
            if offered.isEmpty {
                dropped.append((name, SchedulingFailure(.noInstanceTypesInNodePool, "nodepool \(name) has no instance types (is its node class missing or not ready?)",
                                                        hint: "create the AKSNodeClass the NodePool's nodeClassRef names", candidate: "nodepool/\(name)")))
                continue
            }
            let compatible = offered.filter { instanceType in
                instanceType.requirements.intersects(requirements)
                    && instanceType.offerings.contains { $0.available && $0.isCompatible(with: requirements, wellKnown: wellKnown) }
            }
            let minValues = requirements.satisfiesMinValues(compatible)
            if compatible.isEmpty || !minValues.isSatisfied {
                let suffix = compatible.isEmpty ? "" : " due to minValues incompatibility"
                dropped.append((name, SchedulingFailure(.noInstanceTypesInNodePool,
                                                        "NodePool requirements filtered out all compatible available instance types\(suffix)",
                                                        hint: "the NodePool's requirements (\(requirements)) match none of the \(offered.count) instance types; widen them",
                                                        candidate: "nodepool/\(name)")))
                continue
            }
            let taints = nodePool.spec.template.spec.taints ?? []
            let (overhead, ports) = daemons.overhead(templateRequirements: requirements, taints: taints,
                                                     instanceTypes: compatible, wellKnown: wellKnown)
            let used = existing.filter { $0.nodePool == name }.map(\.capacity)
            templates.append(NodePoolTemplate(nodePool: nodePool, instanceTypes: compatible, requirements: requirements,
                                              labels: labels, daemonOverhead: overhead, daemonPorts: ports,
                                              limits: NodePoolLimits.from(nodePool.spec.limits, usedBy: used)))
        }
        return (templates, dropped)
    }
}
