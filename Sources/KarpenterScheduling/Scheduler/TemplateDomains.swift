/// The values each topology key can take: from every NodePool's requirements, their
/// instance types, and the labels of existing nodes (SCHEDULING.md §7.1).
struct TemplateDomains: TopologyDomainSource {
    let templates: [NodePoolTemplate]
    let existingNodes: [ExistingNodeState]

    func domains(for key: LabelKey) -> [LabelValue] {
        var seen = Set<LabelValue>()
        for template in templates {
            let templateRequirement = template.requirements.get(key)
            if !templateRequirement.isComplement { seen.formUnion(templateRequirement.values) }
            for instanceType in template.instanceTypes {
                let combined = templateRequirement.intersection(instanceType.requirements.get(key))
                if !combined.isComplement { seen.formUnion(combined.values) }
            }
        }
        for node in existingNodes {
            let requirement = node.requirements.get(key)
            if !requirement.isComplement { seen.formUnion(requirement.values) }
        }
        return seen.sorted { $0.text < $1.text }
    }
}
