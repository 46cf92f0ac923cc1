import Foundation
import KarpenterAPI
import Logging
import NIOHTTP1

/// An ARM answer that succeeded (2xx).
struct ARMResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: JSONValue?
}

/// Resource Manager REST: bearer token, api-version, `x-ms-client-request-id`, 429 back-off
/// honouring Retry-After, retries of idempotent calls on 5xx and network failures, ARM error decoding.
struct ARMClient: Sendable {
    let endpoint: String
    let credential: any AzureCredential
    let timing: AzureTiming
    let logger: Logger
    let transport: HTTPTransport

    init(endpoint: String, credential: any AzureCredential, timing: AzureTiming, logger: Logger) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.credential = credential
        self.timing = timing
        self.logger = logger
        transport = HTTPTransport(timeout: timing.requestTimeout)
    }

    /// `path` starts with `/`; `query` excludes api-version.
    func send(_ method: HTTPMethod, path: String, apiVersion: String, query: [(String, String)] = [],
              body: JSONValue? = nil) async throws(ARMError) -> ARMResponse {
        let parameters = ([("api-version", apiVersion)] + query).map { "\($0.0)=\(TokenEndpointCall.escape($0.1))" }
        return try await send(method, url: "\(endpoint)\(path)?\(parameters.joined(separator: "&"))", body: body)
    }

    /// Sends to an absolute URL (operation polling URLs come whole).
    func send(_ method: HTTPMethod, url: String, body: JSONValue? = nil) async throws(ARMError) -> ARMResponse {
        let idempotent = method != .POST && method != .PATCH
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await sendOnce(method, url: url, body: body)
            switch outcome {
            case .success(let response):
                return response
            case .failure(let error):
                let retryable = error.status == 429 || (idempotent && (error.status == 0 || error.status >= 500))
                guard retryable, attempt <= timing.maxRetries else { throw error }
                let delay = backoff(attempt: attempt, retryAfter: error.retryAfterSeconds)
                logger.debug("retrying ARM call", metadata: ["method": "\(method.rawValue)", "url": "\(url)",
                                                             "error": "\(error)", "delay": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    private func sendOnce(_ method: HTTPMethod, url: String, body: JSONValue?) async -> Result<ARMResponse, ARMError> {
        let token: AccessToken
        do {
            token = try await credential.token()
        } catch {
            return .failure(ARMError(status: 401, code: "AuthenticationFailed", message: error.description))
        }
        var headers = [("Authorization", "Bearer \(token.token)"), ("Accept", "application/json"),
                       ("x-ms-client-request-id", UUID().uuidString.lowercased())]
        var bytes: [UInt8]?
        if let body {
            headers.append(("Content-Type", "application/json"))
            bytes = Array(JSONWriter.string(body).utf8)
        }
        let result: HTTPResult
        do {
            result = try await transport.send(method: method, url: url, headers: headers, body: bytes)
        } catch {
            return .failure(ARMError(status: 0, code: "NetworkError", message: "\(method.rawValue) \(url): \(error)"))
        }
        let json = result.body.isEmpty ? nil : try? JSONBodyParser.parse(result.body)
        guard (200..<300).contains(result.status) else {
            let retryAfter = result.headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return .failure(ARMError(status: result.status, body: json, fallback: result.text, retryAfterSeconds: retryAfter))
        }
        return .success(ARMResponse(status: result.status, headers: result.headers, body: json))
    }

    private func backoff(attempt: Int, retryAfter: Int?) -> Duration {
        let wanted = retryAfter.map { Duration.seconds($0) } ?? timing.retryBaseDelay * (1 << min(attempt - 1, 10))
        return min(wanted, timing.maxRetryDelay)
    }
}
