import Foundation
import KarpenterDisruption

/// `explain node NAME` for people: the node and why it exists, the disruption verdict with
/// the planner's notes, and Karpenter's events.
struct ExplainNodeText {
    let terminal: Terminal
    let now: Date

    func render(_ report: ExplainNodeReport) -> String {
        var sections = report.notes.map { "note: \($0)" }
        sections.append(node(report))
        sections.append(pods(report))
        sections.append(disruption(report))
        sections.append(events(report.events))
        return sections.joined(separator: "\n\n")
    }

    func node(_ report: ExplainNodeReport) -> String {
        let node = report.node
        var lines = ["Node \(node.name)"]
        if let claim = node.nodeClaim {
            var why = "Karpenter launched it for NodePool \(node.nodePool ?? "<unknown>") (NodeClaim \(claim.metadata.name ?? "")"
            if let created = claim.metadata.creationTimestamp { why += ", created \(KubectlAge.since(created, now: now)) ago" }
            lines.append("  why it exists:  " + why + ")")
        } else {
            let agentPool = node.labels["kubernetes.azure.com/agentpool"] ?? node.labels["agentpool"]
            lines.append("  why it exists:  not launched by Karpenter (no NodeClaim)"
                + (agentPool.map { "; it belongs to AKS node pool \($0)" } ?? ""))
        }
        var offering = [node.instanceType, node.zone.map(PlanFormatting.zone), node.capacityType].compactMap { $0 }.joined(separator: ", ")
        if let price = report.price { offering += (offering.isEmpty ? "" : ", ") + "\(PlanFormatting.price(price))/h" }
        if !offering.isEmpty { lines.append("  offering:       " + offering) }
        if let created = report.created {
            lines.append("  created:        \(KubectlAge.since(created, now: now)) ago (\(created))")
        }
        if let deleting = report.node.deletionTimestamp {
            lines.append("  deleting:       since \(KubectlAge.since(deleting, now: now)) ago: Karpenter is draining it")
        }
        if let expireAfter = report.expireAfter {
            if let expiry = report.explanation?.expiresAt {
                let left = expiry.timeIntervalSince(now)
                let when = left > 0 ? "in \(KubectlAge.format(left))" : "\(KubectlAge.format(-left)) ago (overdue)"
                lines.append("  expires:        \(when) (\(ExplainNodeReport.rfc3339(expiry))): expireAfter \(expireAfter); expiration ignores budgets")
            } else {
                lines.append("  expires:        never (expireAfter \(expireAfter))")
            }
        }
        return lines.joined(separator: "\n")
    }

    func pods(_ report: ExplainNodeReport) -> String {
        guard !report.pods.isEmpty else { return "Pods: none" }
        let width = report.pods.map(\.key.count).max() ?? 0
        var lines = ["Pods (\(report.pods.count), \(report.pods.filter(\.reschedulable).count) to reschedule if the node goes):"]
        for pod in report.pods {
            var facts = [pod.phase]
            if let owner = pod.owner { facts.append(owner) }
            if !pod.reschedulable { facts.append("stays with the node") }
            if pod.doNotDisrupt { facts.append(terminal.yellow("karpenter.sh/do-not-disrupt")) }
            lines.append("  \(pod.key.padding(toLength: width, withPad: " ", startingAt: 0))  \(facts.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }

    func disruption(_ report: ExplainNodeReport) -> String {
        let headline = report.headline
        let painted: String
        if headline.hasPrefix("blocked") {
            painted = terminal.red("blocked") + headline.dropFirst("blocked".count)
        } else if headline.hasPrefix("Karpenter would disrupt") {
            painted = terminal.green(headline)
        } else {
            painted = headline
        }
        var lines = ["Disruption now: " + painted]
        guard let explanation = report.explanation else {
            lines.append("  hint: to drain it use kubectl drain \(report.node.name) --ignore-daemonsets")
            return lines.joined(separator: "\n")
        }
        lines += details(explanation, headline: headline).map { "  - " + $0 }
        lines.append("  hint: see where its pods would go with: kubectl karpenter disrupt node \(report.node.name) --dry-run")
        return lines.joined(separator: "\n")
    }

    /// The planner's lines without what the headline and the node section already say, with
    /// the budgets on one line.
    func details(_ explanation: NodeExplanation, headline: String) -> [String] {
        var lines = explanation.lines.filter { line in
            !line.hasPrefix("expires at ") && !line.hasPrefix("budget ")
                && !(explanation.command != nil && line.hasPrefix("selected by "))
                && !(explanation.verdict.blocked.map { line == "not a disruption candidate: \($0)" } ?? false)
        }
        if !explanation.budgets.isEmpty {
            lines.append("budgets (NodePool \(explanation.verdict.nodePool ?? "")): " + NodeRemovalText(terminal: terminal).budgets(explanation.budgets)
                + " disruption(s) left per reason")
        }
        return lines
    }

    func events(_ events: [PodEvent]) -> String {
        guard !events.isEmpty else {
            return "Events from Karpenter about the node: none (the API server keeps events for an hour by default)"
        }
        return (["Events from Karpenter about the node (newest first):"] + events.map { event in
            let line = event.line(now: now)
            return "  " + (event.type == "Warning" ? terminal.yellow(event.reason) + line.dropFirst(event.reason.count) : line)
        }).joined(separator: "\n")
    }
}
