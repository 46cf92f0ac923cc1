/// Why a request to the API server failed, for everything that is not a `Status` answer.
public enum KubeClientError: Error, Sendable, CustomStringConvertible {
    /// The API server answered with a failure `Status`.
    case status(StatusError)
    /// No answer within the request timeout (`--request-timeout`).
    case timeout(method: String, path: String, seconds: Double)
    /// The connection could not be made or broke: refused, TLS handshake, DNS, proxy.
    case transport(method: String, url: String, reason: String)
    /// The server answered something that is not the JSON it should be.
    case malformedResponse(path: String, reason: String)
    /// Credentials could not be obtained (token file unreadable, exec plugin failed).
    case credentials(String)
    /// The TLS material in the configuration is unusable (bad PEM, key mismatch).
    case tlsConfiguration(String)

    public var description: String {
        switch self {
        case .status(let status):
            return status.description
        case .timeout(let method, let path, let seconds):
            return "\(method) \(path): no answer within \(Self.format(seconds)) (raise --request-timeout if the server is slow)"
        case .transport(let method, let url, let reason):
            return "\(method) \(url): \(reason)"
        case .malformedResponse(let path, let reason):
            return "\(path): the server's answer is not valid: \(reason)"
        case .credentials(let reason):
            return "getting credentials failed: \(reason)"
        case .tlsConfiguration(let reason):
            return "the TLS settings cannot be used: \(reason)"
        }
    }

    /// The decoded `Status`, when the server answered with one.
    public var status: StatusError? {
        if case .status(let status) = self { return status }
        return nil
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}

extension Error {
    /// The `Status` behind a client error, if any: `if error.kubeStatus?.isNotFound == true`.
    public var kubeStatus: StatusError? { (self as? KubeClientError)?.status }
}
