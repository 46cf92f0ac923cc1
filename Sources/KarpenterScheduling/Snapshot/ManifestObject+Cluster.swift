import KarpenterAPI

extension ManifestObject {
    /// A live cluster's objects as one-document manifests, so they take the manifest path.
    /// Node classes come before NodePools and nodes before pods, the order the assembly needs.
    static func all(in cluster: ClusterObjects) -> [ManifestObject] {
        let order: [ClusterObjects.Resource] = [.nodeClasses, .nodePools, .nodeClaims, .nodes, .daemonSets, .pods]
        var objects: [ManifestObject] = []
        for resource in order {
            for (index, value) in cluster[resource].enumerated() {
                let document = ManifestDocument(value: value, index: index + 1, start: SourceLocation(line: 1, column: 1))
                objects.append(ManifestObject(file: "cluster", document: document, value: value, prefix: .root))
            }
        }
        return objects
    }
}
