import Foundation

/// The projected service-account token (`AZURE_FEDERATED_TOKEN_FILE`) exchanged as a client
/// assertion. The file is read on every exchange because the kubelet rotates it.
public struct WorkloadIdentityCredential: AzureCredential {
    public let methodName = "workload identity"
    let tenantID: String
    let clientID: String
    let tokenFile: String
    let authorityHost: String
    let scope: String
    let transport: HTTPTransport

    public func token() async throws(CredentialError) -> AccessToken {
        let assertion: String
        do {
            assertion = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw CredentialError(method: methodName, reason: "cannot read the federated token file \(tokenFile): \(error.localizedDescription)")
        }
        guard !assertion.isEmpty else {
            throw CredentialError(method: methodName, reason: "the federated token file \(tokenFile) is empty")
        }
        return try await TokenEndpointCall(method: methodName, transport: transport).postForm(
            url: "\(authorityHost)/\(tenantID)/oauth2/v2.0/token",
            form: [("grant_type", "client_credentials"), ("client_id", clientID), ("scope", scope),
                   ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                   ("client_assertion", assertion)])
    }
}
