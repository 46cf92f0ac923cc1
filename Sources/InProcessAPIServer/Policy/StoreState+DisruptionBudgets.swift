import KarpenterAPI

/// The disruption controller, run after the writes that change what it counts.
extension StoreState {
    mutating func syncDisruptionBudgets(in namespace: String) {
        let budgets = sorted(.podDisruptionBudgets, namespace: namespace)
        guard !budgets.isEmpty else { return }
        let pods = sorted(.pods, namespace: namespace)
        for budget in budgets {
            let status = computedStatus(of: budget, pods: pods)
            if equivalent(status, budget["status"]) { continue }
            var updated = budget
            updated["status"] = status
            write(.podDisruptionBudgets, updated, .modified)
        }
    }

    func computedStatus(of budget: JSONValue, pods: [JSONValue]) -> JSONValue {
        let generation = budget.value(at: ["metadata", "generation"])?.integerValue ?? 1
        let selected = DisruptionBudgetCalculator.selectedPods(budget, from: pods)
        do {
            let counts = try DisruptionBudgetCalculator.counts(for: budget, pods: selected) { reference in
                controllerScale(reference, namespace: budget.metadataNamespace)
            }
            return DisruptionBudgetCalculator.status(counts, generation: generation, previous: budget["status"], now: timestamp)
        } catch {
            return DisruptionBudgetCalculator.failedStatus(error.message, generation: generation, previous: budget["status"], now: timestamp)
        }
    }

    /// The replicas behind a pod's controller reference: a ReplicaSet owned by a Deployment
    /// counts the Deployment's replicas; a missing `replicas` is the API default, 1.
    private func controllerScale(_ reference: JSONValue, namespace: String) -> (uid: String, replicas: Int64)? {
        let kind = reference["kind"]?.stringValue ?? ""
        let name = reference["name"]?.stringValue ?? ""
        let uid = reference["uid"]?.stringValue ?? ""
        let types: [String: ResourceType] = ["ReplicaSet": .replicaSets, "Deployment": .deployments, "StatefulSet": .statefulSets]
        guard let type = types[kind], let controller = stored(type, ObjectName(namespace: namespace, name: name)),
              controller.uid == uid else { return nil }
        if type == .replicaSets,
           let owner = controller.ownerReferences.first(where: { $0["controller"]?.boolValue == true && $0["kind"]?.stringValue == "Deployment" }) {
            return controllerScale(owner, namespace: namespace)
        }
        let replicas = controller.value(at: ["spec", "replicas"])?.integerValue ?? 1
        return (uid, min(max(replicas, 0), Int64(Int32.max)))
    }

    /// The eviction subresource: a pod covered by a budget goes only when the budget allows a
    /// disruption; then it is deleted (gracefully when bound) with the eviction's options.
    mutating func evict(namespace: String, podName: String, body: JSONValue) throws(APIError) {
        let eviction = try evictionBody(body, podName: podName)
        guard let pod = stored(.pods, ObjectName(namespace: namespace, name: podName)) else {
            throw .notFound(.pods, podName)
        }
        let options = try eviction["deleteOptions"].map { json throws(APIError) in try DeleteOptions(json: json) } ?? DeleteOptions()
        if try evictionIsAllowed(pod, namespace: namespace) {
            _ = try delete(.pods, namespace: namespace, name: podName, options: options)
        }
    }

    private func evictionBody(_ body: JSONValue, podName: String) throws(APIError) -> JSONValue {
        guard body.objectValue != nil else { throw .badRequest("the body of an eviction must be an Eviction object") }
        let apiVersion = body["apiVersion"]?.stringValue ?? "policy/v1"
        let kind = body["kind"]?.stringValue ?? "Eviction"
        guard kind == "Eviction", ["policy/v1", "policy/v1beta1"].contains(apiVersion) else {
            throw .badRequest("\(kind) in version \"\(apiVersion)\" cannot be handled as a Eviction: no kind \"\(kind)\" is registered for version \"\(apiVersion)\"")
        }
        if body.metadataName != podName {
            throw .badRequest("name in URL does not match name in Eviction object")
        }
        return body
    }

    /// Throws the 429 (or the 500 for several budgets) the real eviction answers.
    private func evictionIsAllowed(_ pod: JSONValue, namespace: String) throws(APIError) -> Bool {
        let phase = pod.string(at: "status", "phase")
        if pod.isTerminating || phase == "Succeeded" || phase == "Failed" || phase == "Pending" { return true }
        let budgets = sorted(.podDisruptionBudgets, namespace: namespace).filter { budget in
            LabelSelector(selectorObject: budget["spec"]?["selector"])?.matches(pod.labels) ?? false
        }
        if budgets.count > 1 {
            throw .internalError("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
        }
        guard let budget = budgets.first else { return true }
        let status = computedStatus(of: budget, pods: sorted(.pods, namespace: namespace))
        let current = status["currentHealthy"]?.integerValue ?? 0
        let desired = status["desiredHealthy"]?.integerValue ?? 0
        if !DisruptionBudgetCalculator.isReady(pod) {
            if budget["spec"]?["unhealthyPodEvictionPolicy"]?.stringValue == "AlwaysAllow" { return true }
            if current >= desired && desired > 0 { return true }
        }
        if (status["disruptionsAllowed"]?.integerValue ?? 0) <= 0 {
            throw APIError(code: 429, reason: "TooManyRequests",
                           message: "Cannot evict pod as it would violate the pod's disruption budget.",
                           causes: [.init(reason: "DisruptionBudget",
                                          message: "The disruption budget \(budget.metadataName) needs \(desired) healthy pods and has \(current) currently")])
        }
        return true
    }
}
