import Foundation
import Testing
@testable import KubeClient

/// One row of the loading/merging/precedence table.
struct PrecedenceCase: Sendable, CustomTestStringConvertible {
    var name: String
    var kubeconfigEnv: String?
    var flags = ConnectionOverrides()
    var server: String? = nil
    var token: String? = nil
    var namespace: String? = nil
    var context: String? = nil
    var error: String? = nil

    var testDescription: String { name }
}

private let a = MergeFixtures.a
private let b = MergeFixtures.b

private let cases: [PrecedenceCase] = [
    PrecedenceCase(name: "no KUBECONFIG: ~/.kube/config", kubeconfigEnv: nil,
                   server: "https://home.example", token: "token-home", namespace: "default", context: "home"),
    PrecedenceCase(name: "a:b: current-context and shared entries from the first file", kubeconfigEnv: "\(a):\(b)",
                   server: "https://a.example:6443", token: "token-a", namespace: "team-a", context: "a-ctx"),
    PrecedenceCase(name: "b:a: the other order", kubeconfigEnv: "\(b):\(a)",
                   server: "https://only-b.example", token: "token-b-user", namespace: "team-b", context: "b-ctx"),
    PrecedenceCase(name: "a:b --context shared-ctx: a's entry wins", kubeconfigEnv: "\(a):\(b)",
                   flags: ConnectionOverrides(context: "shared-ctx"),
                   server: "https://a.example:6443", token: "token-a", namespace: "default", context: "shared-ctx"),
    PrecedenceCase(name: "b:a --context shared-ctx: b's entry wins", kubeconfigEnv: "\(b):\(a)",
                   flags: ConnectionOverrides(context: "shared-ctx"),
                   server: "https://only-b.example", token: "token-b-user", namespace: "from-b", context: "shared-ctx"),
    PrecedenceCase(name: "missing files in KUBECONFIG are skipped", kubeconfigEnv: "/nope/x.yaml::\(b):\(a)",
                   server: "https://only-b.example", token: "token-b-user", namespace: "team-b", context: "b-ctx"),
    PrecedenceCase(name: "--kubeconfig beats KUBECONFIG and does not merge", kubeconfigEnv: "\(a):\(b)",
                   flags: ConnectionOverrides(kubeconfig: b),
                   server: "https://only-b.example", token: "token-b-user", namespace: "team-b", context: "b-ctx"),
    PrecedenceCase(name: "--kubeconfig alone: a's context is unknown", kubeconfigEnv: "\(a):\(b)",
                   flags: ConnectionOverrides(kubeconfig: b, context: "a-ctx"),
                   error: "context \"a-ctx\" not found in \(b) (contexts: b-ctx, shared-ctx)"),
    PrecedenceCase(name: "--kubeconfig names a missing file", kubeconfigEnv: nil,
                   flags: ConnectionOverrides(kubeconfig: "/nope/config"),
                   error: "kubeconfig /nope/config given with --kubeconfig does not exist"),
    PrecedenceCase(name: "--cluster replaces the context's cluster", kubeconfigEnv: "\(a):\(b)",
                   flags: ConnectionOverrides(cluster: "only-b"),
                   server: "https://only-b.example", token: "token-a", namespace: "team-a", context: "a-ctx"),
    PrecedenceCase(name: "--user replaces the context's user", kubeconfigEnv: "\(a):\(b)",
                   flags: ConnectionOverrides(user: "b-user"),
                   server: "https://a.example:6443", token: "token-b-user", namespace: "team-a", context: "a-ctx"),
    PrecedenceCase(name: "-n beats the context namespace", kubeconfigEnv: "\(a):\(b)",
                   flags: ConnectionOverrides(namespace: "flag-ns"),
                   server: "https://a.example:6443", token: "token-a", namespace: "flag-ns", context: "a-ctx"),
    PrecedenceCase(name: "empty -n counts as not given", kubeconfigEnv: "\(a):\(b)",
                   flags: ConnectionOverrides(namespace: ""),
                   server: "https://a.example:6443", token: "token-a", namespace: "team-a", context: "a-ctx"),
    PrecedenceCase(name: "--server and --token need no kubeconfig", kubeconfigEnv: "/nope/x.yaml",
                   flags: ConnectionOverrides(server: "https://flag.example:443", token: "flag-token"),
                   server: "https://flag.example:443", token: "flag-token", namespace: "default"),
    PrecedenceCase(name: "--token beats the kubeconfig token", kubeconfigEnv: a,
                   flags: ConnectionOverrides(token: "flag-token"),
                   server: "https://a.example:6443", token: "flag-token", namespace: "team-a", context: "a-ctx"),
    PrecedenceCase(name: "unknown --context lists the merged contexts", kubeconfigEnv: "\(a):\(b)",
                   flags: ConnectionOverrides(context: "nope"),
                   error: "context \"nope\" not found in \(a), \(b) (contexts: a-ctx, b-ctx, shared-ctx)"),
    PrecedenceCase(name: "unknown --cluster", kubeconfigEnv: a,
                   flags: ConnectionOverrides(cluster: "nope"),
                   error: "cluster \"nope\" (from --cluster) not found in \(a) (clusters: only-a, shared)"),
    PrecedenceCase(name: "unknown --user", kubeconfigEnv: a,
                   flags: ConnectionOverrides(user: "nope"),
                   error: "user \"nope\" (from --user) not found in \(a) (users: shared-user)"),
    PrecedenceCase(name: "KUBECONFIG set but every file missing: home is not used", kubeconfigEnv: "/nope/1:/nope/2",
                   error: "no kubeconfig found (looked in /nope/1, /nope/2)"),
]

@Test("kubeconfig loading, merging and flag precedence", arguments: cases)
func kubeconfigPrecedence(_ row: PrecedenceCase) throws {
    var environment = ["HOME": MergeFixtures.home]
    environment["KUBECONFIG"] = row.kubeconfigEnv
    let loader = ClientConfigLoader(files: MergeFixtures.files(), environment: environment,
                                    workingDirectory: "/work", serviceAccountDirectory: "/nope/sa")
    if let expected = row.error {
        let message = errorText { try loader.load(row.flags) }
        #expect(message.contains(expected), "got: \(message)")
        return
    }
    let config = try loader.load(row.flags)
    #expect(config.server.absoluteString == row.server)
    #expect(config.credentials.bearerToken == row.token)
    #expect(config.namespace == row.namespace)
    if case .kubeconfig(let context, _, _, _) = config.source {
        #expect(context == row.context)
    } else {
        Issue.record("expected a kubeconfig source, got \(config.source)")
    }
}

@Test func mergeRecordsTheFileEachEntryCameFrom() throws {
    let loader = KubeconfigLoader(files: MergeFixtures.files(), environment: ["KUBECONFIG": "\(b):\(a)"])
    let merged = try loader.load()
    #expect(merged.files == [b, a])
    #expect(merged.clusterOrigins["shared"] == b)
    #expect(merged.clusterOrigins["only-a"] == a)
    #expect(merged.contextOrigins["a-ctx"] == a)
    #expect(merged.currentContextOrigin == b)
    #expect(merged.config.clusters.map(\.name) == ["shared", "only-b", "only-a"])
}

@Test func kubeconfigListIsDeduplicatedAndRelativeEntriesUseTheWorkingDirectory() {
    let loader = KubeconfigLoader(files: InMemoryFileSource(),
                                  environment: ["KUBECONFIG": "cfg/a:/abs/b:cfg/a:"], workingDirectory: "/work")
    #expect(loader.candidatePaths(explicit: nil) == ["/work/cfg/a", "/abs/b"])
    #expect(loader.candidatePaths(explicit: "./mine") == ["/work/mine"])
}
