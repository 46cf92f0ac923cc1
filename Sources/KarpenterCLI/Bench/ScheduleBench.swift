import ArgumentParser
import Foundation
import KarpenterScheduling

/// Times `Scheduler.solve` on upstream's scheduling-benchmark workload.
struct ScheduleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Time the scheduler on upstream's benchmark workload (N pods x M instance types).",
        discussion: """
        Five equal pod groups (plain; zonal spread; hostname spread; zonal pod affinity; hostname \
        anti-affinity), cpu and memory drawn with a seeded generator, instance types fake-it-0.. \
        fake-it-(M-1) with i+1 vCPU, 2(i+1) GiB, 10(i+1) pods, one NodePool without limits. \
        Build with `swift build -c release --product karpenter-bench` first.

        Examples:
          karpenter-bench schedule
          karpenter-bench schedule --pods 1000 5000 --types 100 400 --seed 7
        """
    )

    @Option(name: .customLong("pods"), parsing: .upToNextOption, help: "Pod counts N.")
    var podCounts: [Int] = [100, 1000, 5000, 20000]

    @Option(name: .customLong("types"), parsing: .upToNextOption, help: "Instance type counts M.")
    var typeCounts: [Int] = [100, 400]

    @Option(help: "Seed of the pod generator.")
    var seed: UInt64 = 42

    @Option(help: "Runs per cell when a run takes under a second; the fastest is reported.")
    var repeats = 3

    func validate() throws {
        if podCounts.contains(where: { $0 < 5 || $0 > 1_000_000 }) { throw ValidationError("--pods values must be between 5 and 1000000") }
        if typeCounts.contains(where: { $0 < 1 || $0 > 100_000 }) { throw ValidationError("--types values must be between 1 and 100000") }
        if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
    }

    @Flag(name: .customLong("show-unschedulable"), help: "Print why each unschedulable pod failed.")
    var showUnschedulable = false

    func run() throws {
        print("pods   types  seconds   pods/s    nodeclaims  price/h     unschedulable  peak RSS")
        for types in typeCounts {
            let instanceTypes = ScheduleBenchWorkload.instanceTypes(types)
            for count in podCounts {
                var snapshot = SchedulingSnapshot(pendingPods: ScheduleBenchWorkload.pods(count, seed: seed),
                                                  nodePools: [ScheduleBenchWorkload.nodePool()],
                                                  instanceTypes: ["default": instanceTypes])
                snapshot.options.wellKnownLabels = SchedulingLabel.core.union(LabelKeySet(ScheduleBenchWorkload.extraWellKnown))
                PeakMemory.resetPeak()
                var best = Double.infinity
                var result = SchedulingResult()
                for attempt in 0..<repeats {
                    let start = DispatchTime.now().uptimeNanoseconds
                    result = Scheduler.solve(snapshot)
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    best = min(best, seconds)
                    if attempt == 0 && seconds >= 1 { break }
                }
                let price = result.nodeClaims.reduce(0.0) { $0 + ($1.launch?.price ?? 0) }
                let peak = PeakMemory.peakBytes().map { String(format: "%.0f MiB", Double($0) / 1_048_576) } ?? "n/a"
                print(String(format: "%-6d %-6d %-9.3f %-9.0f %-11d %-11.2f %-14d ", count, types, best, Double(count) / best,
                             result.nodeClaims.count, price, result.unschedulable.count) + peak)
                if showUnschedulable {
                    for pod in result.unschedulable { print("  \(pod.pod): \(pod.reason)") }
                }
            }
        }
    }
}
