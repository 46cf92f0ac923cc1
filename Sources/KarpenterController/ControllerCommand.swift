import ArgumentParser

/// `karpenter-controller`: the in-cluster controller (options and wiring to come).
public struct ControllerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "karpenter-controller",
        abstract: "Karpenter for AKS: provisions and removes nodes for pending pods."
    )
    public init() {}
    public func run() async throws {}
}
