import Foundation
import NIOConcurrencyHelpers

/// kube-apiserver's union of authenticators: a verified client certificate, then a bearer
/// token. A token that is presented but unknown is a 401 even when anonymous requests are
/// allowed; no credential at all is anonymous (or a 401 when anonymous is off).
final class Authenticator: Sendable {
    enum Verdict: Equatable {
        case user(String)
        case anonymous
        case refused
    }

    private let tokens: NIOLockedValueBox<[String: String]>
    private let allowAnonymous: Bool

    init(_ configuration: InProcessAPIServer.Authentication) {
        tokens = NIOLockedValueBox(configuration.bearerTokens)
        allowAnonymous = configuration.allowAnonymous
    }

    func setToken(_ token: String, user: String?) {
        tokens.withLockedValue { $0[token] = user }
    }

    func authenticate(_ request: APIRequest) -> Verdict {
        if let user = request.certificateUser { return .user(user) }
        if let header = request.headers.first(name: "authorization") {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = parts[1].trimmingCharacters(in: .whitespaces)
                if let user = tokens.withLockedValue({ $0[token] }) { return .user(user) }
                return .refused
            }
        }
        return allowAnonymous ? .anonymous : .refused
    }
}
