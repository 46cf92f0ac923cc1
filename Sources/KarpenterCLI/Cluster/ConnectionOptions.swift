import ArgumentParser
import KarpenterAPI
import KubeClient

/// kubectl's connection flags, with kubectl's names and meanings, so `kubectl karpenter ...`
/// reaches the same cluster as `kubectl ...` with the same flags.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Path to the kubeconfig file to use (only this file; default: $KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The name of the kubeconfig context to use.")
    var context: String?

    @Option(help: "The name of the kubeconfig cluster to use.")
    var cluster: String?

    @Option(help: "The name of the kubeconfig user to use.")
    var user: String?

    @Option(name: [.short, .customLong("server")], help: "The address and port of the Kubernetes API server.")
    var server: String?

    @Option(help: "Bearer token for authentication to the API server.")
    var token: String?

    @Option(name: .customLong("certificate-authority"), help: "Path to a certificate file for the certificate authority.")
    var certificateAuthority: String?

    @Option(name: .customLong("client-certificate"), help: "Path to a client certificate file for TLS.")
    var clientCertificate: String?

    @Option(name: .customLong("client-key"), help: "Path to a client key file for TLS.")
    var clientKey: String?

    @Option(name: .customLong("tls-server-name"), help: "Server name to use for certificate validation.")
    var tlsServerName: String?

    @Flag(name: .customLong("insecure-skip-tls-verify"),
          help: "Do not check the server's certificate (insecure; for test clusters only).")
    var insecureSkipTLSVerify = false

    @Option(name: .customLong("as"), help: "Username to impersonate for the operation.")
    var impersonate: String?

    @Option(name: .customLong("as-group"), help: "Group to impersonate (repeatable).")
    var impersonateGroups: [String] = []

    @Option(name: .customLong("as-uid"), help: "UID to impersonate for the operation.")
    var impersonateUID: String?

    @Option(name: .customLong("request-timeout"),
            help: "How long to wait for a single request: 0 (no limit), or a duration like 30s, 1m (plain numbers are seconds).")
    var requestTimeout: String = "0"

    func validate() throws {
        _ = try timeout()
    }

    func overrides(namespace: String?) -> ConnectionOverrides {
        ConnectionOverrides(kubeconfig: kubeconfig, context: context, cluster: cluster, user: user, namespace: namespace,
                            server: server, tlsServerName: tlsServerName,
                            insecureSkipTLSVerify: insecureSkipTLSVerify ? true : nil,
                            certificateAuthority: certificateAuthority, clientCertificate: clientCertificate,
                            clientKey: clientKey, token: token, impersonate: impersonate, impersonateUID: impersonateUID,
                            impersonateGroups: impersonateGroups)
    }

    /// kubectl's `--request-timeout`: "0" means no limit; we still cap a request at one hour.
    func timeout() throws -> Duration {
        let text = requestTimeout.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) {
            guard seconds >= 0 else { throw ValidationError("--request-timeout must not be negative") }
            return seconds == 0 ? .seconds(3600) : .seconds(seconds)
        }
        guard let duration = try? GoDuration(parsing: text) else {
            throw ValidationError("invalid --request-timeout \"\(requestTimeout)\": use a duration like 30s or 1m, or a number of seconds")
        }
        guard duration.nanoseconds >= 0 else { throw ValidationError("--request-timeout must not be negative") }
        return duration.nanoseconds == 0 ? .seconds(3600) : .nanoseconds(duration.nanoseconds)
    }
}
