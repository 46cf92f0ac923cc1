import ArgumentParser

/// `karpenter-bench`: the project's benchmarks, run in release mode (`swift run -c release karpenter-bench ...`).
public struct BenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "karpenter-bench",
        abstract: "Benchmarks for Karpenter for AKS. Build with -c release before trusting the figures.",
        subcommands: [ValidateBench.self, ScheduleBench.self]
    )
    public init() {}
}
