import ArgumentParser

/// `karpenter-bench`: the project's benchmarks, run in release mode (`swift run -c release karpenter-bench ...`).
public struct BenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "karpenter-bench",
        abstract: "Benchmarks for Karpenter for AKS. Build with -c release before trusting the figures.",
        discussion: """
        Examples:
          swift build -c release --product karpenter-bench
          .build/release/karpenter-bench validate --count 1000
          .build/release/karpenter-bench schedule --pods 1000 5000 --types 400
          .build/release/karpenter-bench controller --pods 1000 10000
        """,
        subcommands: [ValidateBench.self, ScheduleBench.self, ControllerBench.self, ConsolidationBench.self]
    )
    public init() {}
}
