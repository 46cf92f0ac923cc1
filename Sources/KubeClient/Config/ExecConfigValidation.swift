/// client-go's checks on a kubeconfig `exec` block, done at load time so the message can name
/// the user and file.
enum ExecConfigValidation {
    static let supportedAPIVersions = [ExecCredentialAPIVersion.v1.rawValue, ExecCredentialAPIVersion.v1beta1.rawValue]

    static func validate(_ exec: ExecConfig, user: String, file: String) throws {
        func fail(_ reason: String) -> KubeconfigError {
            .invalidExec(user: user, file: file, reason: reason)
        }
        if exec.command.isEmpty { throw fail("command is empty") }
        guard let apiVersion = nonEmpty(exec.apiVersion) else {
            throw fail("apiVersion is not set; use \(supportedAPIVersions.joined(separator: " or "))")
        }
        guard let version = ExecCredentialAPIVersion(rawValue: apiVersion) else {
            throw fail("apiVersion \"\(apiVersion)\" is not supported; use \(supportedAPIVersions.joined(separator: " or "))")
        }
        if version == .v1 && exec.interactiveMode == nil {
            throw fail("interactiveMode must be set (Never, IfAvailable or Always) for \(apiVersion)")
        }
        for variable in exec.env ?? [] where variable.name.isEmpty {
            throw fail("an env entry has an empty name")
        }
    }
}
