import KarpenterScheduling

/// The scheduler's decision for one pod, in one line.
enum OutcomeText {
    static func describe(_ outcome: PodExplanation.Outcome, terminal: Terminal) -> String {
        switch outcome {
        case .existingNode(let node):
            return terminal.green("fits existing node \(node)") + "; nothing to launch for it"
        case .nodeClaim(let claim):
            guard let launch = claim.launch else { return "would join \(claim.name) (nodepool \(claim.nodePool))" }
            return terminal.yellow("would launch \(claim.name)") + " from nodepool \(claim.nodePool): \(launch.name) in \(launch.zone), "
                + "\(launch.capacityType), \(PlanFormatting.price(launch.price))/h"
        case .unschedulable(let pod):
            return terminal.red("cannot schedule it") + ": \(pod.reason)"
        case .ignored(let pod):
            return terminal.yellow("ignores it") + ": \(pod.reason)"
        }
    }
}
