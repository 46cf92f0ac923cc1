import ArgumentParser
import Foundation
import KarpenterAPI
import KarpenterScheduling
import Logging

struct SimulateCommand: AsyncParsableCommand {
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

        With --run it runs the real controller instead: an in-memory cluster (an in-process API \
        server) holds the objects, the simulated cloud launches nodes from the embedded Azure \
        catalog and plays their kubelet, a minimal kube-scheduler binds pods; it prints the \
        timeline (pods pending -> NodeClaims -> nodes ready -> pods bound) and a summary.

        Examples:
          kubectl karpenter simulate
          kubectl karpenter simulate -f manifests/ -R
          kubectl karpenter simulate -f app.yaml --instance-types my-types.yaml -o json
          kubectl karpenter simulate --run
          kubectl karpenter simulate --run -f manifests/ -R --timeout 60s

        Exit status: 0 plan computed, 1 unreadable input or objects left out as invalid, 64 usage error.
        """
    )

    @OptionGroup var input: SnapshotInputOptions

    @Option(name: [.short, .customLong("output")], help: "Output format: text, json or yaml.")
    var output: OutputFormat = .text

    @Flag(name: .customLong("run"), help: "Run the real controller against an in-memory cluster and a simulated cloud, and print the timeline.")
    var runController = false

    @Option(help: "With --run: stop after this long (a duration like 90s or 2m).")
    var timeout: String = "120s"

    @Flag(help: "With --run: print the controller's logs on stderr.")
    var verbose = false

    mutating func validate() throws {
        guard let duration = try? GoDuration(parsing: timeout), duration.nanoseconds > 0 else {
            throw ValidationError("invalid --timeout \"\(timeout)\": use a duration like 90s or 2m")
        }
        if runController && output != .text { throw ValidationError("--run prints a timeline; -o json|yaml is for the plan only") }
        if runController && input.instanceTypes != nil { throw ValidationError("--run launches from the embedded Azure catalog; drop --instance-types") }
    }

    func run() async throws {
        guard runController else { return try plan() }
        let files = try input.manifestFiles(example: BuiltInExample.files())
        let verbose = self.verbose
        LoggingSystem.bootstrap { label in
            verbose ? StreamLogHandler.standardError(label: label) as any LogHandler : SwiftLogNoOpLogHandler()
        }
        let limit = (try? GoDuration(parsing: timeout)).map { Duration.nanoseconds($0.nanoseconds) } ?? .seconds(120)
        let simulation = EmbeddedSimulation(files: files, region: input.region, timeout: limit)
        Terminal.out("Running the controller against an in-memory cluster (simulated Azure, \(input.region)):")
        let outcome = try await simulation.run { Terminal.out($0) }
        Terminal.out(EmbeddedSummary.render(outcome, timeline: Timeline(prices: outcome.prices)))
        if outcome.timedOut { throw ExitCode.failure }
    }

    func plan() throws {
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
