import KarpenterScheduling

/// `explain pod` for people: the pod, kube-scheduler's words, Karpenter's decision, then the
/// evidence per NodePool, per node and per instance type.
struct ExplanationText {
    let terminal: Terminal

    func render(_ explanation: PodExplanation) -> String {
        var lines: [String] = []
        var header = "Pod \(explanation.pod)"
        if let origin = explanation.origin {
            header += " (\(origin.owner), \(origin.file):\(origin.location.line))"
        }
        lines.append(header)
        lines.append("  requests: \(PlanFormatting.resources(explanation.requests))")
        lines.append("")
        lines.append("kube-scheduler: \(explanation.kubeScheduler.message)")
        lines.append("Karpenter:      " + decision(explanation.outcome))
        lines.append("")
        lines += nodePools(explanation.nodePools)
        lines += nodes(explanation.nodes)
        lines += fits(explanation)
        if !explanation.relaxations.isEmpty {
            lines.append("Preferences relaxed to place it:")
            for step in explanation.relaxations { lines.append("  - \(step)") }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private func decision(_ outcome: PodExplanation.Outcome) -> String {
        switch outcome {
        case .existingNode(let node):
            return terminal.green("fits existing node \(node)") + "; nothing to launch for it"
        case .nodeClaim(let claim):
            guard let launch = claim.launch else { return "joins \(claim.name) (nodepool \(claim.nodePool))" }
            let shared = claim.pods.count > 1 ? " (shared with \(claim.pods.count - 1) other pod(s))" : ""
            return terminal.green("would launch \(claim.name)") + " from nodepool \(claim.nodePool): \(launch.name) in \(launch.zone), "
                + "\(launch.capacityType), \(PlanFormatting.price(launch.price))/h\(shared)"
        case .unschedulable(let pod):
            return terminal.red("cannot schedule it") + ": \(pod.reason)"
        case .ignored(let pod):
            return terminal.yellow("ignores it") + ": \(pod.reason)"
        }
    }

    private func nodePools(_ verdicts: [NodePoolVerdict]) -> [String] {
        guard !verdicts.isEmpty else { return ["NodePools: none in the input (Karpenter needs a NodePool and its AKSNodeClass)", ""] }
        var lines = ["NodePools:"]
        let width = verdicts.map(\.name.count).max() ?? 0
        for verdict in verdicts {
            let name = verdict.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let types = "\(verdict.instanceTypes) instance types"
            if let failure = verdict.failure {
                lines.append("  \(name)  " + terminal.red("no") + "   [\(failure.code.rawValue)] \(failure.message)")
                if let detail = verdict.detail { lines.append("  \(String(repeating: " ", count: width))        \(detail)") }
                if let hint = failure.hint { lines.append("  \(String(repeating: " ", count: width))        fix: \(hint)") }
            } else if verdict.fits {
                lines.append("  \(name)  " + terminal.green("yes") + "  \(verdict.note ?? "the pod fits a new node") (\(types))")
            } else {
                lines.append("  \(name)  -    \(verdict.note ?? "not evaluated") (\(types))")
            }
        }
        lines.append("")
        return lines
    }

    private func nodes(_ verdicts: [NodeVerdict]) -> [String] {
        guard !verdicts.isEmpty else { return [] }
        var lines = ["Existing nodes:"]
        let width = verdicts.map(\.name.count).max() ?? 0
        for verdict in verdicts {
            let name = verdict.name.padding(toLength: width, withPad: " ", startingAt: 0)
            if verdict.fits {
                lines.append("  \(name)  " + terminal.green("yes"))
            } else if let failure = verdict.failure {
                lines.append("  \(name)  " + terminal.red("no") + "   \(verdict.kubeSchedulerReasons.joined(separator: ", ")): \(failure.message)")
                if let hint = failure.hint { lines.append("  \(String(repeating: " ", count: width))        fix: \(hint)") }
            } else {
                lines.append("  \(name)  -    \(verdict.note ?? verdict.kubeSchedulerReasons.joined(separator: ", "))")
            }
        }
        lines.append("")
        return lines
    }

    private func fits(_ explanation: PodExplanation) -> [String] {
        let basis = explanation.cheapestFitsBasis == "resources"
            ? "by resources alone; no NodePool accepts the pod"
            : "the pod alone on a new node from \(explanation.cheapestFitsBasis)"
        guard !explanation.cheapestFits.isEmpty else {
            return ["Cheapest instance types that fit: none (\(basis))", ""]
        }
        var lines = ["Cheapest instance types that fit (\(basis)):"]
        let width = explanation.cheapestFits.map(\.name.count).max() ?? 0
        for fit in explanation.cheapestFits {
            lines.append("  \(fit.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(PlanFormatting.zone(fit.zone))  \(fit.capacityType)  "
                         + "\(PlanFormatting.price(fit.price))/h  allocatable \(PlanFormatting.resources(fit.allocatable))")
        }
        lines.append("")
        return lines
    }
}
