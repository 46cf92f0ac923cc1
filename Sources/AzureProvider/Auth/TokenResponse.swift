import Foundation
import KarpenterAPI
import NIOHTTP1

/// Calls a token endpoint and reads the OAuth answer (Entra ID gives `expires_in` as a number,
/// IMDS gives `expires_in`/`expires_on` as strings).
struct TokenEndpointCall: Sendable {
    var method: String
    var transport: HTTPTransport

    func postForm(url: String, form: [(String, String)]) async throws(CredentialError) -> AccessToken {
        let body = form.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        return try await exchange(.POST, url: url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                  body: Array(body.utf8))
    }

    func get(url: String, headers: [(String, String)]) async throws(CredentialError) -> AccessToken {
        try await exchange(.GET, url: url, headers: headers, body: nil)
    }

    private func exchange(_ httpMethod: HTTPMethod, url: String, headers: [(String, String)],
                          body: [UInt8]?) async throws(CredentialError) -> AccessToken {
        let result: HTTPResult
        do {
            result = try await transport.send(method: httpMethod, url: url, headers: headers + [("Accept", "application/json")], body: body)
        } catch {
            throw CredentialError(method: method, reason: "token request to \(Self.redacted(url)) failed: \(error)")
        }
        let json = try? JSONBodyParser.parse(result.body)
        guard (200..<300).contains(result.status) else {
            let code = json?["error"]?.stringValue ?? "HTTP \(result.status)"
            let detail = json?["error_description"]?.stringValue ?? String(result.text.prefix(300))
            throw CredentialError(method: method, reason: "\(Self.redacted(url)) answered \(result.status) \(code): \(detail)")
        }
        guard let json, let token = json["access_token"]?.stringValue, !token.isEmpty else {
            throw CredentialError(method: method, reason: "\(Self.redacted(url)) answered without an access_token")
        }
        return AccessToken(token: token, expiresOn: Self.expiry(json))
    }

    static func expiry(_ json: JSONValue) -> Date {
        if let onText = json["expires_on"]?.stringValue, let epoch = Double(onText) { return Date(timeIntervalSince1970: epoch) }
        let seconds = json["expires_in"]?.doubleValue ?? json["expires_in"]?.stringValue.flatMap(Double.init) ?? 300
        return Date().addingTimeInterval(seconds)
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func redacted(_ url: String) -> String {
        String(url.split(separator: "?", maxSplits: 1).first ?? "")
    }
}
