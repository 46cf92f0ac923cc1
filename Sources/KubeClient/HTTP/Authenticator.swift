import Foundation

/// The credential a request carries, and where it came from so a 401 can retire it.
struct RequestCredential: Sendable {
    var authorization: String?
    var clientCertificatePEM: Data?
    var clientKeyPEM: Data?
    var execCredential: ExecCredential?
}

/// Picks the user's credential the way client-go does: an exec plugin's result, else the token
/// file (re-read as it rotates; it wins over a static token), else the static token, else
/// basic auth. After a 401 the credential is retired once so the next request gets a fresh
/// one: the plugin runs again, the token file is re-read.
struct Authenticator: Sendable {
    private enum Source: Sendable {
        case none
        case exec(ExecCredentialProvider)
        case tokenFile(RotatingTokenFile)
        case token(String)
        case basic(String)
    }

    private let source: Source

    init(config: RESTConfig, environment: [String: String], execTimeout: Duration?) {
        let credentials = config.credentials
        if let provider = ExecCredentialProvider(config: config, environment: environment, timeout: execTimeout) {
            source = .exec(provider)
        } else if let file = credentials.bearerTokenFile, !file.isEmpty {
            source = .tokenFile(RotatingTokenFile(path: file))
        } else if let token = credentials.bearerToken, !token.isEmpty {
            source = .token(token)
        } else if let user = credentials.username, let password = credentials.password {
            source = .basic(Data("\(user):\(password)".utf8).base64EncodedString())
        } else {
            source = .none
        }
    }

    /// True when a 401 may be cured by asking for the credential again.
    var canRefresh: Bool {
        switch source {
        case .exec, .tokenFile: true
        case .none, .token, .basic: false
        }
    }

    var execProvider: ExecCredentialProvider? {
        if case .exec(let provider) = source { return provider }
        return nil
    }

    func credential() async throws(KubeClientError) -> RequestCredential {
        switch source {
        case .none:
            return RequestCredential()
        case .token(let token):
            return RequestCredential(authorization: "Bearer \(token)")
        case .basic(let encoded):
            return RequestCredential(authorization: "Basic \(encoded)")
        case .tokenFile(let file):
            do {
                return RequestCredential(authorization: "Bearer \(try await file.token())")
            } catch {
                throw .credentials("reading the token file \(file.path): \(error)")
            }
        case .exec(let provider):
            let credential: ExecCredential
            do {
                credential = try await provider.credential()
            } catch {
                throw .credentials("\(error)")
            }
            return RequestCredential(authorization: credential.token.map { "Bearer \($0)" },
                                     clientCertificatePEM: credential.clientCertificateData,
                                     clientKeyPEM: credential.clientKeyData, execCredential: credential)
        }
    }

    /// The server said 401 to `used`: drop it so the next `credential()` fetches anew.
    func rejected(_ used: RequestCredential) async {
        switch source {
        case .exec(let provider):
            if let credential = used.execCredential { await provider.invalidate(ifCurrent: credential) }
        case .tokenFile(let file):
            await file.invalidate()
        case .none, .token, .basic:
            break
        }
    }
}
