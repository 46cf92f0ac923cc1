import Foundation
import KarpenterScheduling

/// Live `explain pod` for people: notes first, then the offline explanation (pending pods) or
/// the placement (running pods), then the pod's status and events as the cluster has them.
struct LiveExplanationText {
    let terminal: Terminal
    let now: Date

    func render(_ report: LivePodReport) -> String {
        var sections = report.notes.map { "note: \($0)" }
        switch report.body {
        case .pending(let explanation):
            sections.append(ExplanationText(terminal: terminal).render(explanation))
        case .running(let placement):
            sections.append(PlacementText(terminal: terminal).render(placement))
        case .inactive(let reason):
            sections.append("Pod \(report.key): \(reason)")
        }
        sections.append(status(report.status))
        sections.append(events(report.events))
        return sections.joined(separator: "\n\n")
    }

    func status(_ status: LivePodStatus) -> String {
        var lines = ["In the cluster:"]
        lines.append("  phase:       \(status.phase)" + (status.created.map { ", created \(KubectlAge.since($0, now: now)) ago" } ?? ""))
        if let owner = status.owner { lines.append("  owner:       \(owner)") }
        if let scheduled = status.scheduled {
            var text = "PodScheduled=\(scheduled.status)"
            if let reason = scheduled.reason { text += " reason \(reason)" }
            if let since = scheduled.lastTransitionTime { text += " since \(KubectlAge.since(since, now: now)) ago" }
            if let message = scheduled.message, !message.isEmpty { text += ": \(message)" }
            lines.append("  scheduling:  \(text)")
        } else if status.nodeName == nil {
            lines.append("  scheduling:  no PodScheduled condition: kube-scheduler has not looked at the pod yet")
        }
        if let node = status.nominatedNode { lines.append("  nominated:   node \(node) (preemption)") }
        return lines.joined(separator: "\n")
    }

    func events(_ events: PodEvents) -> String {
        section("Events from kube-scheduler", events.scheduler) + "\n" + section("Events from Karpenter", events.karpenter)
    }

    private func section(_ title: String, _ events: [PodEvent]) -> String {
        guard !events.isEmpty else { return "\(title): none (the API server keeps events for an hour by default)" }
        return (["\(title) (newest first):"] + events.map { "  " + paint($0) }).joined(separator: "\n")
    }

    private func paint(_ event: PodEvent) -> String {
        let line = event.line(now: now)
        return event.type == "Warning" ? terminal.yellow(event.reason) + line.dropFirst(event.reason.count) : line
    }
}
