import Foundation

/// A bearer token for Resource Manager.
public struct AccessToken: Sendable, Equatable {
    public var token: String
    public var expiresOn: Date

    public init(token: String, expiresOn: Date) {
        self.token = token
        self.expiresOn = expiresOn
    }
}

/// Why no token could be had: the method, and what failed.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    public var method: String
    public var reason: String

    public init(method: String, reason: String) {
        self.method = method
        self.reason = reason
    }

    public var description: String { "Azure authentication (\(method)) failed: \(reason)" }
}

/// Something that obtains Resource Manager tokens.
public protocol AzureCredential: Sendable {
    /// `workload identity`, `managed identity`, `client secret`.
    var methodName: String { get }
    func token() async throws(CredentialError) -> AccessToken
}
