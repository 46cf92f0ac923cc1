import ArgumentParser
import Foundation
import KarpenterAPI
import KarpenterScheduling

struct ExplainPodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pod",
        abstract: "Explain why a pod is pending and what Karpenter would launch for it.",
        discussion: """
        Live (the default): reads the pod, nodes and the pods on them, NodePools, \
        AKSNodeClasses, NodeClaims and DaemonSets from the cluster of the current kubeconfig \
        context (or --kubeconfig/--context), quotes the pod's FailedScheduling events and \
        Karpenter's own, and runs the scheduler the controller runs on that snapshot. For a \
        running pod it says why it landed where it did. Needs read access only.

        Offline (-f FILE or --example): reads the same manifests as `simulate`, runs the scheduler with its decision \
        trace, and prints for the pod: kube-scheduler's summary over the existing nodes \
        ("0/N nodes are available: ..."), each NodePool's verdict with the first failing \
        constraint and a fix, why each existing node does or does not fit, the cheapest instance \
        types that fit, and what Karpenter would launch. NAME may also be a workload name \
        (explains its first pod).

        Examples:
          kubectl karpenter explain pod web-0 -n shop
          kubectl karpenter explain pod web-0 -n shop --context aks-prod -o json
          kubectl karpenter explain pod web-0 -n shop -f manifests/ -R
          kubectl karpenter explain pod trainer -n ml --example

        Exit status: 0 explained, 1 pod not found or unreadable input, 64 usage error.
        """
    )

    @Argument(help: "The pod's name (or a Deployment/StatefulSet/Job name).")
    var name: String

    @Option(name: [.short, .customLong("namespace")],
            help: "The pod's namespace (default: the kubeconfig context's namespace; offline: default).")
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")],
          help: "Find the pod in any namespace (live mode; the name must be unique across namespaces).")
    var allNamespaces = false

    @Flag(help: "Explain a pod of the built-in example instead of the cluster (what `simulate` runs).")
    var example = false

    @OptionGroup var input: SnapshotInputOptions

    @OptionGroup(title: "Cluster connection (live mode)") var connection: ConnectionOptions

    @Option(name: [.short, .customLong("output")], help: "Output format: text, json or yaml.")
    var output: OutputFormat = .text

    func run() async throws {
        guard example || !input.files.isEmpty else { return try await runLive() }
        try runOffline()
    }

    private func runLive() async throws {
        let output = try await connection.withClusterSource(namespace: namespace) { source, namespace in
            var query = LiveExplanation.query(namespace: namespace)
            if self.allNamespaces { query.podEventsNamespace = nil }
            let objects = try await source.objects(query)
            let podNamespace: String
            switch self.allNamespaces ? Self.uniqueNamespace(of: self.name, in: objects.pods) : .success(namespace) {
            case .success(let found): podNamespace = found
            case .failure(let failure): return CommandOutput.failure("error: \(failure.message)")
            }
            return LiveExplanation.render(objects, namespace: podNamespace, name: self.name, format: self.output,
                                          terminal: .detect(), now: Date())
        }
        try output.emit()
    }

    struct LookupFailure: Error { let message: String }

    /// With `-A`: the one namespace holding a pod of that name.
    static func uniqueNamespace(of name: String, in pods: [JSONValue]) -> Result<String, LookupFailure> {
        let namespaces = Set(pods.filter { $0["metadata"]?["name"]?.stringValue == name }
            .map { $0["metadata"]?["namespace"]?.stringValue ?? "default" }).sorted()
        switch namespaces.count {
        case 1: return .success(namespaces[0])
        case 0: return .failure(LookupFailure(message: "pod \"\(name)\" not found in any namespace\nhint: kubectl get pods -A | grep \(name)"))
        default:
            return .failure(LookupFailure(message: "pod \"\(name)\" exists in namespaces \(namespaces.joined(separator: ", ")); choose one with -n"))
        }
    }

    private func runOffline() throws {
        let build = try input.load(example: example ? BuiltInExample.files() : nil)
        SnapshotInputOptions.report(build, notes: false)
        let key: String
        let note: String?
        switch PodLookup.find(name, namespace: namespace, in: build) {
        case .found(let found, let lookupNote):
            key = found
            note = lookupNote
        case .notFound(let message):
            Terminal.err("error: \(message)")
            throw ExitCode.failure
        }
        guard let explanation = PodExplainer.explain(key, in: build) else {
            Terminal.err("error: pod \(key) is not pending")
            throw ExitCode.failure
        }
        switch output {
        case .json:
            Terminal.out(JSONWriter.string(ExplanationJSON.render(explanation, note: note), pretty: true))
        case .yaml:
            Terminal.out(YAMLWriter.string(ExplanationJSON.render(explanation, note: note)))
        case .text:
            if let note { Terminal.out(note + "\n") }
            Terminal.out(ExplanationText(terminal: .detect()).render(explanation))
        }
    }
}
