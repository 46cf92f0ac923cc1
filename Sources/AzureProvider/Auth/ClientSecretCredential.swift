import Foundation

/// A service principal's client secret exchanged at Entra ID's v2.0 token endpoint.
public struct ClientSecretCredential: AzureCredential {
    public let methodName = "client secret"
    let tenantID: String
    let clientID: String
    let secret: String
    let authorityHost: String
    let scope: String
    let transport: HTTPTransport

    public func token() async throws(CredentialError) -> AccessToken {
        try await TokenEndpointCall(method: methodName, transport: transport).postForm(
            url: "\(authorityHost)/\(tenantID)/oauth2/v2.0/token",
            form: [("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", secret), ("scope", scope)])
    }
}
