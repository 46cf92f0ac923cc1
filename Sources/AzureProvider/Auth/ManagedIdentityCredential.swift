import Foundation

/// A managed identity's token from the Instance Metadata Service; `clientID` picks a user-assigned identity.
public struct ManagedIdentityCredential: AzureCredential {
    public let methodName = "managed identity"
    let clientID: String?
    let imdsEndpoint: String
    /// IMDS takes a resource, not a scope: the audience with a trailing slash.
    let resource: String
    let transport: HTTPTransport

    public func token() async throws(CredentialError) -> AccessToken {
        var query = "api-version=2018-02-01&resource=\(TokenEndpointCall.escape(resource))"
        if let clientID { query += "&client_id=\(TokenEndpointCall.escape(clientID))" }
        return try await TokenEndpointCall(method: methodName, transport: transport).get(
            url: "\(imdsEndpoint)/metadata/identity/oauth2/token?\(query)", headers: [("Metadata", "true")])
    }
}
