import ArgumentParser

/// `karpenter-bench`: the project's benchmarks, run in release mode (`swift run -c release karpenter-bench ...`).
public struct BenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "karpenter-bench",
        abstract: "Benchmarks for Karpenter for AKS. Build with -c release before trusting the figures.",
        discussion: """
        Examples:
          swift build -c release --product karpenter-bench
          .build/release/karpenter-bench validate --count 1000
          .build/release/karpenter-bench schedule --pods 1000 5000 --types 400
        """,
        subcommands: [ValidateBench.self, ScheduleBench.self]
    )
    public init() {}
}
