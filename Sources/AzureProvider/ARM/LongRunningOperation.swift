import Foundation
import KarpenterAPI
import NIOHTTP1

/// Waits for an ARM long-running operation: polls `Azure-AsyncOperation` when given (status
/// `InProgress` -> `Succeeded` / `Failed` / `Canceled`), else `Location` (202 until done), honouring
/// Retry-After, up to the operation deadline.
struct LongRunningOperation: Sendable {
    let client: ARMClient

    /// Returns the final resource body (re-read with GET for creates) or nil (deletes).
    func wait(for response: ARMResponse, resourcePath: String, apiVersion: String,
              isDelete: Bool) async throws(ARMError) -> JSONValue? {
        let asyncOperation = response.headers.first(name: "Azure-AsyncOperation")
        let location = response.headers.first(name: "Location")
        if asyncOperation == nil && location == nil {
            // Synchronous completion (200 / 204), or a create whose body already says where it stands.
            if response.status == 202 || Self.isNonTerminal(response.body) {
                return try await pollResource(resourcePath: resourcePath, apiVersion: apiVersion, isDelete: isDelete)
            }
            return response.body
        }
        let deadline = ContinuousClock.now + client.timing.operationTimeout
        // The first poll waits as long as the accepting answer's Retry-After says, like later ones.
        let firstWait = Self.retryAfter(response.headers)
        if let asyncOperation {
            try await pollAsyncOperation(asyncOperation, deadline: deadline, isDelete: isDelete, firstWait: firstWait)
        } else if let location {
            return try await pollLocation(location, deadline: deadline, isDelete: isDelete, resourcePath: resourcePath,
                                          apiVersion: apiVersion, firstWait: firstWait)
        }
        if isDelete { return nil }
        return try await client.send(.GET, path: resourcePath, apiVersion: apiVersion).body
    }

    private func pollAsyncOperation(_ url: String, deadline: ContinuousClock.Instant, isDelete: Bool,
                                    firstWait: Int?) async throws(ARMError) {
        var retryAfter = firstWait
        while true {
            try await pause(retryAfter, deadline: deadline, url: url)
            let status: ARMResponse
            do {
                status = try await client.send(.GET, url: url)
            } catch where isDelete && error.isNotFound {
                return
            }
            retryAfter = Self.retryAfter(status.headers)
            switch status.body?["status"]?.stringValue ?? "InProgress" {
            case "Succeeded": return
            case "Failed", "Canceled":
                let state = status.body?["status"]?.stringValue ?? "Failed"
                let failure = ARMError(status: 200, body: status.body, fallback: "operation \(state.lowercased())")
                throw ARMError(status: 200, code: failure.code == "HTTP200" ? "Operation\(state)" : failure.code, message: failure.message)
            default: continue
            }
        }
    }

    private func pollLocation(_ url: String, deadline: ContinuousClock.Instant, isDelete: Bool, resourcePath: String,
                              apiVersion: String, firstWait: Int?) async throws(ARMError) -> JSONValue? {
        var retryAfter = firstWait
        while true {
            try await pause(retryAfter, deadline: deadline, url: url)
            let result: ARMResponse
            do {
                result = try await client.send(.GET, url: url)
            } catch where isDelete && error.isNotFound {
                return nil
            }
            retryAfter = Self.retryAfter(result.headers)
            if result.status == 202 { continue }
            if isDelete { return nil }
            return try await client.send(.GET, path: resourcePath, apiVersion: apiVersion).body
        }
    }

    /// Without operation headers: re-read the resource until its provisioningState is terminal.
    private func pollResource(resourcePath: String, apiVersion: String, isDelete: Bool) async throws(ARMError) -> JSONValue? {
        let deadline = ContinuousClock.now + client.timing.operationTimeout
        while true {
            try await pause(nil, deadline: deadline, url: resourcePath)
            let current: ARMResponse
            do {
                current = try await client.send(.GET, path: resourcePath, apiVersion: apiVersion)
            } catch where isDelete && error.isNotFound {
                return nil
            }
            if Self.isNonTerminal(current.body) { continue }
            if current.body?["properties"]?["provisioningState"]?.stringValue == "Failed" {
                throw ARMError(status: 200, code: "ProvisioningFailed", message: "\(resourcePath) ended in provisioningState Failed")
            }
            return current.body
        }
    }

    private func pause(_ retryAfter: Int?, deadline: ContinuousClock.Instant, url: String) async throws(ARMError) {
        guard ContinuousClock.now < deadline else {
            throw ARMError(status: 0, code: "OperationTimedOut",
                           message: "the long-running operation \(url) did not finish within \(client.timing.operationTimeout)")
        }
        let wait = retryAfter.map { min(Duration.seconds($0), client.timing.maxRetryDelay) } ?? client.timing.pollInterval
        try? await Task.sleep(for: wait)
    }

    static func retryAfter(_ headers: HTTPHeaders) -> Int? {
        headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func isNonTerminal(_ body: JSONValue?) -> Bool {
        guard let state = body?["properties"]?["provisioningState"]?.stringValue else { return false }
        return !["Succeeded", "Failed", "Canceled"].contains(state)
    }
}
