import ArgumentParser
import Foundation
import KarpenterAPI
import KarpenterScheduling
import KubeClient

extension ConnectionOptions {
    /// Like `withClusterSource`, with the client too, for commands that change the cluster.
    func withClusterClient<Result: Sendable>(_ body: (KubernetesClient, any ClusterSource) async throws -> Result) async throws -> Result {
        do {
            return try await ClusterSession.run(self, namespace: nil) { session in
                try await body(session.client, KubeClusterSource(client: session.client))
            }
        } catch let error as CLIError {
            Terminal.err(error.description)
            throw error.exitCode
        }
    }
}

/// `--wait` / `--timeout` of `disrupt node` and `drain node`.
struct TerminationWaitOptions: ParsableArguments {
    @Flag(help: "Wait until the NodeClaim and the Node are gone (Karpenter has drained and deleted the node).")
    var wait = false

    @Option(help: "With --wait: how long to wait, e.g. 30s, 10m, 1h; 0 waits forever.")
    var timeout: String = "10m"

    func validate() throws {
        _ = try limit()
    }

    /// nil: no limit.
    func limit() throws -> TimeInterval? {
        let text = timeout.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) {
            guard seconds >= 0 else { throw ValidationError("--timeout must not be negative") }
            return seconds == 0 ? nil : TimeInterval(seconds)
        }
        guard let duration = try? GoDuration(parsing: text), duration.nanoseconds >= 0 else {
            throw ValidationError("invalid --timeout \"\(timeout)\": use a duration like 30s, 10m or 1h (0 waits forever)")
        }
        return duration.nanoseconds == 0 ? nil : duration.seconds
    }
}

/// Deletes a node's NodeClaim so Karpenter's termination controller drains it gracefully
/// (taint, evictions that honour PDBs, VM deletion), and optionally waits for it.
struct NodeClaimTermination {
    let client: KubernetesClient
    /// Between polls while waiting.
    var pollInterval: Duration = .seconds(1)

    static let nodeClaims = KubeClusterSource.apiResource(.nodeClaims)

    /// Deletes the NodeClaim (only the one inspected: its UID is a precondition). Returns the
    /// lines to print.
    func delete(_ node: LiveNode) async throws(CLIError) -> [String] {
        guard let claim = node.nodeClaim, let name = claim.metadata.name else { return [] }
        if let since = claim.metadata.deletionTimestamp {
            return ["nodeclaim.karpenter.sh \"\(name)\" is already being deleted (since \(since)); Karpenter is draining node \(node.name)"]
        }
        do {
            _ = try await client.delete(Self.nodeClaims, name: name, options: DeleteOptions(preconditionUID: claim.metadata.uid))
        } catch {
            if error.status?.isNotFound == true {
                return ["nodeclaim.karpenter.sh \"\(name)\" is already gone"]
            }
            if case .status(let status) = error, status.isForbidden {
                throw CLIError.failed("Error from server (Forbidden): \(status.message)\n"
                    + "hint: deleting a node through Karpenter needs: kubectl auth can-i delete nodeclaims.karpenter.sh")
            }
            throw CLIError.failed(ClusterSession.describe(error, server: client.config.server.absoluteString))
        }
        return ["nodeclaim.karpenter.sh \"\(name)\" deleted",
                "Karpenter now drains node \(node.name): it taints it karpenter.sh/disrupted:NoSchedule, evicts the pods "
                    + "(respecting PodDisruptionBudgets) and deletes the VM."]
    }

    struct Remaining: Sendable {
        var nodeClaim: JSONValue?
        var node: JSONValue?
        var gone: Bool { nodeClaim == nil && node == nil }
    }

    /// Polls until both objects are gone or `limit` seconds have passed.
    func wait(for node: LiveNode, limit: TimeInterval?) async throws(CLIError) -> Remaining {
        let start = ContinuousClock.now
        while true {
            let remaining = try await self.remaining(node)
            if remaining.gone { return remaining }
            if let limit, start.duration(to: .now) >= .seconds(limit) { return remaining }
            try? await Task.sleep(for: pollInterval)
        }
    }

    func remaining(_ node: LiveNode) async throws(CLIError) -> Remaining {
        var result = Remaining()
        if let name = node.nodeClaimName { result.nodeClaim = try await fetch(Self.nodeClaims, name) }
        if node.node != nil { result.node = try await fetch(.nodes, node.name) }
        return result
    }

    private func fetch(_ resource: APIResource, _ name: String) async throws(CLIError) -> JSONValue? {
        do {
            return try await client.get(resource, name: name)
        } catch {
            if error.status?.isNotFound == true { return nil }
            throw CLIError.failed(ClusterSession.describe(error, server: client.config.server.absoluteString))
        }
    }

    /// The timeout message: what is still there and why that might be.
    func timedOut(_ remaining: Remaining, node: LiveNode, after timeout: String) async -> String {
        var lines = ["error: timed out after \(timeout) waiting for node \(node.name) to be drained and deleted; still there:"]
        if let claim = remaining.nodeClaim {
            let finalizers = claim["metadata"]?["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []
            var line = "  nodeclaim.karpenter.sh/\(node.nodeClaimName ?? "")"
            if let since = claim["metadata"]?["deletionTimestamp"]?.stringValue { line += ": terminating since \(since)" }
            if !finalizers.isEmpty { line += ", finalizers \(finalizers.joined(separator: ", "))" }
            lines.append(line)
        }
        if remaining.node != nil {
            var line = "  node/\(node.name)"
            if let pods = try? await client.listAll(.pods, namespace: nil, fieldSelector: "spec.nodeName=\(node.name)") {
                let names = pods.items.compactMap { pod -> String? in
                    guard let name = pod["metadata"]?["name"]?.stringValue else { return nil }
                    return "\(pod["metadata"]?["namespace"]?.stringValue ?? "default")/\(name)"
                }
                if !names.isEmpty { line += ": \(names.count) pod(s) still on it: \(PlanFormatting.list(names, first: 5))" }
            }
            lines.append(line)
        }
        lines.append("hint: see what blocks the drain with: kubectl karpenter explain node \(node.name)")
        return lines.joined(separator: "\n")
    }
}

/// The delete-and-maybe-wait tail both `disrupt node` and `drain node` end with.
enum NodeTerminationRun {
    static func run(_ node: LiveNode, client: KubernetesClient, wait: TerminationWaitOptions, preface: [String] = []) async throws -> CommandOutput {
        let termination = NodeClaimTermination(client: client)
        var stdout = preface
        do {
            stdout += try await termination.delete(node)
            guard wait.wait else {
                stdout.append("Follow it with: kubectl get nodeclaim \(node.nodeClaimName ?? "") -w (or pass --wait)")
                return CommandOutput(stdout: stdout.joined(separator: "\n"))
            }
            Terminal.out(stdout.joined(separator: "\n"))
            stdout = []
            let limit = try wait.limit()
            Terminal.err("waiting for nodeclaim/\(node.nodeClaimName ?? "") and node/\(node.name) to be deleted"
                + (limit == nil ? "..." : " (timeout \(wait.timeout))..."))
            let started = Date()
            let remaining = try await termination.wait(for: node, limit: limit)
            guard remaining.gone else {
                return CommandOutput.failure(await termination.timedOut(remaining, node: node, after: wait.timeout))
            }
            return CommandOutput(stdout: "node \"\(node.name)\" and nodeclaim.karpenter.sh \"\(node.nodeClaimName ?? "")\" are gone"
                + " (after \(KubectlAge.format(Date().timeIntervalSince(started))))")
        } catch let error as CLIError {
            var output = CommandOutput.failure(error.description, code: error.exitCode.rawValue)
            output.stdout = stdout.joined(separator: "\n")
            return output
        }
    }
}
