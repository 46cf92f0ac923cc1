/// `user.exec`: an external command that prints an `ExecCredential` (kubelogin on AKS).
public struct ExecConfig: Codable, Sendable, Equatable {
    public var apiVersion: String?
    public var command: String
    public var args: [String]?
    public var env: [ExecEnvVar]?
    public var installHint: String?
    public var provideClusterInfo: Bool?
    public var interactiveMode: ExecInteractiveMode?

    public init(
        apiVersion: String? = nil, command: String, args: [String]? = nil, env: [ExecEnvVar]? = nil,
        installHint: String? = nil, provideClusterInfo: Bool? = nil,
        interactiveMode: ExecInteractiveMode? = nil
    ) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }
}

/// One `env:` entry of an exec config.
public struct ExecEnvVar: Codable, Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// `interactiveMode`: whether the plugin may prompt on the terminal.
public enum ExecInteractiveMode: String, Codable, Sendable, Equatable {
    case never = "Never"
    case ifAvailable = "IfAvailable"
    case always = "Always"
}
