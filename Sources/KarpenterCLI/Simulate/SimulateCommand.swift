import ArgumentParser
import KarpenterAPI
import KarpenterScheduling

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Show which nodes Karpenter would launch for the pending pods in manifests.",
        discussion: """
        Reads NodePools, AKSNodeClasses, Pods, Deployments, ReplicaSets, StatefulSets, Jobs \
        (expanded to their replicas), DaemonSets, Nodes and NodeClaims, treats every unbound pod \
        as pending, and runs the same scheduler as the controller. Prints the NodeClaims with the \
        chosen instance type, the other options, zone, capacity type, price and pods; the pods \
        that fit existing nodes; the pods left unschedulable and why; and totals. Without -f it \
        runs a built-in example.

        Examples:
          kubectl karpenter simulate
          kubectl karpenter simulate -f manifests/ -R
          kubectl karpenter simulate -f app.yaml --instance-types my-types.yaml -o json

        Exit status: 0 plan computed, 1 unreadable input or objects left out as invalid, 64 usage error.
        """
    )

    @OptionGroup var input: SnapshotInputOptions

    @Option(name: [.short, .customLong("output")], help: "Output format: text, json or yaml.")
    var output: OutputFormat = .text

    func run() throws {
        let build = try input.load(example: BuiltInExample.files())
        SnapshotInputOptions.report(build, notes: output == .text)
        let result = Scheduler.solve(build.snapshot)
        switch output {
        case .json:
            Terminal.out(JSONWriter.string(SimulationJSON.render(build: build, result: result), pretty: true))
        case .yaml:
            Terminal.out(YAMLWriter.string(SimulationJSON.render(build: build, result: result)))
        case .text:
            if input.files.isEmpty {
                Terminal.out("No -f given: simulating the built-in example (see `kubectl karpenter simulate --help`).\n")
            }
            Terminal.out(SimulationText(terminal: .detect()).render(build: build, result: result))
        }
        if !build.errors.isEmpty { throw ExitCode.failure }
    }
}
