import KarpenterAPI
import OrderedCollections

/// What the API server fills into a new pod: the v1 defaults, the admission plugins that
/// always run (DefaultTolerationSeconds, ServiceAccount's name, Priority), and the status.
enum PodDefaults {
    static func apply(to pod: inout JSONValue) {
        var spec = pod["spec"] ?? .object([:])
        guard spec.objectValue != nil else { return }
        setIfMissing(&spec, "restartPolicy", .string("Always"))
        setIfMissing(&spec, "terminationGracePeriodSeconds", .int(30))
        setIfMissing(&spec, "dnsPolicy", .string("ClusterFirst"))
        setIfMissing(&spec, "securityContext", .object([:]))
        setIfMissing(&spec, "schedulerName", .string("default-scheduler"))
        setIfMissing(&spec, "serviceAccountName", .string("default"))
        if let account = spec["serviceAccountName"] { setIfMissing(&spec, "serviceAccount", account) }
        setIfMissing(&spec, "enableServiceLinks", .bool(true))
        setIfMissing(&spec, "preemptionPolicy", .string("PreemptLowerPriority"))
        setIfMissing(&spec, "priority", .int(0))
        for list in ["initContainers", "containers"] {
            guard let containers = spec[list]?.arrayValue else { continue }
            spec[list] = .array(containers.map(defaultContainer))
        }
        spec["tolerations"] = .array(defaultTolerations(spec["tolerations"]?.arrayValue ?? []))
        pod["spec"] = spec
        pod["status"] = .object(["phase": .string("Pending"), "qosClass": .string(qosClass(spec))])
    }

    private static func setIfMissing(_ object: inout JSONValue, _ key: String, _ value: JSONValue) {
        if object[key] == nil || object[key]?.isNull == true { object[key] = value }
    }

    private static func defaultContainer(_ container: JSONValue) -> JSONValue {
        guard container.objectValue != nil else { return container }
        var result = container
        setIfMissing(&result, "resources", .object([:]))
        setIfMissing(&result, "terminationMessagePath", .string("/dev/termination-log"))
        setIfMissing(&result, "terminationMessagePolicy", .string("File"))
        let image = container["image"]?.stringValue ?? ""
        setIfMissing(&result, "imagePullPolicy", .string(pullsAlways(image) ? "Always" : "IfNotPresent"))
        return result
    }

    /// `:latest` or no tag (and no digest) pulls always.
    private static func pullsAlways(_ image: String) -> Bool {
        if image.contains("@") { return false }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return true }
        return lastComponent[lastComponent.index(after: colon)...] == "latest"
    }

    /// DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300 s.
    private static func defaultTolerations(_ existing: [JSONValue]) -> [JSONValue] {
        var tolerations = existing
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
            let tolerated = existing.contains { toleration in
                let effect = toleration["effect"]?.stringValue ?? ""
                let matchesKey = toleration["key"]?.stringValue == key
                    || (toleration["key"] == nil && toleration["operator"]?.stringValue == "Exists")
                return matchesKey && (effect.isEmpty || effect == "NoExecute")
            }
            if !tolerated {
                tolerations.append(.object([
                    "key": .string(key), "operator": .string("Exists"), "effect": .string("NoExecute"),
                    "tolerationSeconds": .int(300),
                ]))
            }
        }
        return tolerations
    }

    /// Guaranteed when every container limits cpu and memory with equal requests, BestEffort
    /// when none asks for anything, Burstable otherwise.
    static func qosClass(_ spec: JSONValue) -> String {
        let containers = (spec["initContainers"]?.arrayValue ?? []) + (spec["containers"]?.arrayValue ?? [])
        var anyResources = false
        var guaranteed = !containers.isEmpty
        for container in containers {
            let requests = container["resources"]?["requests"]?.objectValue ?? [:]
            let limits = container["resources"]?["limits"]?.objectValue ?? [:]
            for resource in ["cpu", "memory"] {
                if requests[resource] != nil || limits[resource] != nil { anyResources = true }
                guard let limit = quantity(limits[resource]) else {
                    guaranteed = false
                    continue
                }
                if let request = quantity(requests[resource]), request != limit { guaranteed = false }
            }
        }
        if !anyResources { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }

    private static func quantity(_ value: JSONValue?) -> Quantity? {
        switch value {
        case .string(let text): return try? Quantity(parsing: text)
        case .number(let text): return try? Quantity(parsing: text)
        default: return nil
        }
    }

    /// `spec.containers: Required value` and the other checks a pod fails without.
    static func validate(_ pod: JSONValue) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let containers = pod["spec"]?["containers"]?.arrayValue ?? []
        if containers.isEmpty { issues.append(.required("spec.containers")) }
        for (index, container) in containers.enumerated() {
            if (container["name"]?.stringValue ?? "").isEmpty {
                issues.append(.required("spec.containers[\(index)].name"))
            }
            if (container["image"]?.stringValue ?? "").isEmpty {
                issues.append(.required("spec.containers[\(index)].image"))
            }
        }
        return issues
    }

    /// Pod updates may change only images, `activeDeadlineSeconds`, added tolerations and
    /// removed scheduling gates; anything else in `spec` is refused.
    static func updateIssues(new: JSONValue, old: JSONValue) -> [FieldIssue] {
        guard var newSpec = new["spec"], var oldSpec = old["spec"] else { return [] }
        for list in ["containers", "initContainers"] {
            guard let newItems = newSpec[list]?.arrayValue, let oldItems = oldSpec[list]?.arrayValue,
                  newItems.count == oldItems.count else { continue }
            newSpec[list] = .array(zip(newItems, oldItems).map { newItem, oldItem in
                var copy = newItem
                copy["image"] = oldItem["image"]
                return copy
            })
        }
        newSpec["activeDeadlineSeconds"] = oldSpec["activeDeadlineSeconds"]
        let oldTolerations = oldSpec["tolerations"]?.arrayValue ?? []
        let newTolerations = newSpec["tolerations"]?.arrayValue ?? []
        if oldTolerations.allSatisfy({ old in newTolerations.contains { $0.isEquivalent(to: old) } }) {
            newSpec["tolerations"] = oldSpec["tolerations"]
        }
        let oldGates = oldSpec["schedulingGates"]?.arrayValue ?? []
        let newGates = newSpec["schedulingGates"]?.arrayValue ?? []
        if newGates.allSatisfy({ new in oldGates.contains { $0.isEquivalent(to: new) } }) {
            newSpec["schedulingGates"] = nil
            oldSpec["schedulingGates"] = nil
        }
        if newSpec.isEquivalent(to: oldSpec) { return [] }
        return [.forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)")]
    }
}
