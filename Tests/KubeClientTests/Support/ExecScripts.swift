import Foundation
import KubeClient

/// Shell scripts that behave like credential plugins. Each run bumps `count` in the
/// directory and saves what it saw (`exec-info-N.json`, `env-N`, `args-N`).
enum ExecScripts {
    static let v1 = "client.authentication.k8s.io/v1"
    static let v1beta1 = "client.authentication.k8s.io/v1beta1"

    /// Prints a token `token-N` expiring at the time in the directory's `expiry` file, else at
    /// `$EXPIRY` (set through the exec config's env).
    static func token(in directory: TemporaryDirectory, apiVersion: String = v1) throws -> String {
        try directory.write("token-plugin.sh", """
            #!/bin/sh
            dir='\(directory.path)'
            n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$dir/count"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$dir/exec-info-$n.json"
            env > "$dir/env-$n"
            echo "$*" > "$dir/args-$n"
            expiry=$(cat "$dir/expiry" 2>/dev/null || printf '%s' "$EXPIRY")
            printf '{"apiVersion":"\(apiVersion)","kind":"ExecCredential","status":{"token":"token-%s","expirationTimestamp":"%s"}}\\n' "$n" "$expiry"
            """, executable: true)
    }

    /// Prints a client certificate and key (PEM, JSON-escaped newlines) and no expiry.
    static func clientCertificate(in directory: TemporaryDirectory) throws -> String {
        try directory.write("cert-plugin.sh", """
            #!/bin/sh
            dir='\(directory.path)'
            n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$dir/count"
            cat <<'JSON'
            {
              "apiVersion": "\(v1beta1)",
              "kind": "ExecCredential",
              "status": {
                "clientCertificateData": "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n",
                "clientKeyData": "-----BEGIN EC PRIVATE KEY-----\\nMHcC\\n-----END EC PRIVATE KEY-----\\n"
              }
            }
            JSON
            """, executable: true)
    }

    /// Any script body.
    static func custom(_ name: String, in directory: TemporaryDirectory, _ body: String) throws -> String {
        try directory.write(name, "#!/bin/sh\n" + body + "\n", executable: true)
    }

    static func plugin(_ command: String, apiVersion: String = v1, args: [String] = [], env: [ExecEnvVar] = [],
                       provideClusterInfo: Bool = false, cluster: ExecClusterInfo? = nil,
                       parentEnvironment: [String: String] = ["PATH": "/usr/bin:/bin"],
                       installHint: String? = nil, timeout: Duration? = .seconds(60),
                       mode: ExecInteractiveMode = .never, stdinIsTerminal: Bool = false) -> ExecCredentialPlugin {
        let config = ExecConfig(apiVersion: apiVersion, command: command, args: args, env: env,
                                installHint: installHint, provideClusterInfo: provideClusterInfo,
                                interactiveMode: mode)
        return ExecCredentialPlugin(config: config, cluster: cluster, environment: parentEnvironment,
                                    workingDirectory: "/", stdinIsTerminal: stdinIsTerminal, timeout: timeout)
    }
}
