import Foundation
import KarpenterAPI

/// Entra ID's v2.0 token endpoint (client secret and federated client assertion) and IMDS.
extension StandInState {
    static let jwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    mutating func issueEntraToken(_ request: StandInRequest) -> StandInResponse {
        let form = request.form
        if let reason = rejectTokenRequests {
            return .oauthError(.unauthorized, error: "invalid_client", description: reason)
        }
        guard form["grant_type"] == "client_credentials" else {
            return .oauthError(.badRequest, error: "unsupported_grant_type", description: "AADSTS70003: grant_type must be client_credentials.")
        }
        guard let clientID = form["client_id"], !clientID.isEmpty, let scope = form["scope"], scope.hasSuffix("/.default") else {
            return .oauthError(.badRequest, error: "invalid_request", description: "AADSTS900144: client_id and a '/.default' scope are required.")
        }
        if let assertion = form["client_assertion"] {
            guard form["client_assertion_type"] == Self.jwtBearerAssertionType, !assertion.isEmpty else {
                return .oauthError(.badRequest, error: "invalid_request", description: "AADSTS50027: invalid client assertion.")
            }
            return issue(.workloadIdentity, clientID: clientID, assertion: assertion, imds: false)
        }
        guard let secret = form["client_secret"], clientSecrets[clientID] == secret else {
            return .oauthError(.unauthorized, error: "invalid_client",
                               description: "AADSTS7000215: Invalid client secret provided for app '\(clientID)'.")
        }
        return issue(.clientSecret, clientID: clientID, assertion: nil, imds: false)
    }

    mutating func issueIMDSToken(_ request: StandInRequest) -> StandInResponse {
        guard request.headers["metadata"] == "true" else {
            return .oauthError(.badRequest, error: "invalid_request", description: "Required metadata header not specified")
        }
        guard request.query["resource"] != nil, request.query["api-version"] != nil else {
            return .oauthError(.badRequest, error: "invalid_request", description: "Required query variable 'resource' or 'api-version' is missing")
        }
        return issue(.managedIdentity, clientID: request.query["client_id"], assertion: nil, imds: true)
    }

    private mutating func issue(_ method: IssuedToken.Method, clientID: String?, assertion: String?, imds: Bool) -> StandInResponse {
        let token = "standin-token-\(issuedTokens.count + 1)"
        issuedTokens.append(IssuedToken(method: method, clientID: clientID, assertion: assertion, accessToken: token))
        let lifetime = tokenLifetimeSeconds
        if imds {
            // IMDS answers numbers as strings.
            let expiresOn = Int(Date().timeIntervalSince1970) + lifetime
            return .json(.ok, .object([
                "access_token": .string(token), "expires_in": .string(String(lifetime)),
                "expires_on": .string(String(expiresOn)), "resource": .string("https://management.azure.com/"),
                "token_type": .string("Bearer"), "client_id": .string(clientID ?? "system-assigned"),
            ]))
        }
        return .json(.ok, .object([
            "token_type": .string("Bearer"), "expires_in": .int(Int64(lifetime)),
            "ext_expires_in": .int(Int64(lifetime)), "access_token": .string(token),
        ]))
    }
}
