import AzureProvider
import AzureStandIn
import Foundation
import KarpenterCloud
import Testing

@Suite("Authentication: client secret, workload identity, managed identity, caching")
struct AuthTests {
    @Test func clientSecretTokenIsUsedForARM() async throws {
        let fixture = try await AzureTestFixture.start()
        defer { Task { await fixture.shutdown() } }
        _ = try await fixture.provider.list()
        _ = try await fixture.provider.list()
        #expect(fixture.standIn.issuedTokens.map(\.method) == [.clientSecret])
        let tokenRequest = try #require(fixture.standIn.requests(method: "POST", pathContaining: "/oauth2/v2.0/token").first)
        #expect(tokenRequest.path == "/\(AzureTestFixture.tenant)/oauth2/v2.0/token")
        #expect(tokenRequest.rawBody.contains("scope=https%3A%2F%2Fmanagement.azure.com%2F.default"))
        #expect(tokenRequest.rawBody.contains("grant_type=client_credentials"))
    }

    @Test func wrongClientSecretIsAPermanentErrorNamingTheMethod() async throws {
        let fixture = try await AzureTestFixture.start(credentials: AzureCredentialSettings(clientID: "karpenter-app", clientSecret: "wrong"))
        defer { Task { await fixture.shutdown() } }
        let error = await #expect(throws: CloudProviderError.self) { _ = try await fixture.provider.list() }
        guard case .permanent(let message)? = error else {
            Issue.record("expected permanent, got \(String(describing: error))")
            return
        }
        #expect(message.contains("client secret"))
        #expect(message.contains("AADSTS7000215"))
    }

    @Test func workloadIdentityRereadsTheRotatedTokenFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("azure-token-\(UUID().uuidString)")
        try "federated-jwt-1".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let standIn = try await AzureStandIn.start()
        defer { Task { await standIn.shutdown() } }
        // Seconds, not fractions: on a loaded machine two calls in a row can be half a second apart.
        standIn.setTokenLifetime(seconds: 6)
        let configuration = AzureTestFixture.configuration(
            standIn, credentials: AzureCredentialSettings(clientID: "wi-client", federatedTokenFile: file.path))
        let credential = configuration.defaultCredential(refreshMargin: 3)
        #expect(credential.methodName == "workload identity")
        let first = try await credential.token()
        #expect(try await credential.token() == first)  // cached
        try "federated-jwt-2".write(to: file, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(3200))  // now within the refresh margin
        let second = try await credential.token()
        #expect(second.token != first.token)
        #expect(standIn.issuedTokens.map(\.assertion) == ["federated-jwt-1", "federated-jwt-2"])
        #expect(standIn.issuedTokens.map(\.clientID) == ["wi-client", "wi-client"])
        let form = try #require(standIn.requests(method: "POST", pathContaining: "/oauth2/v2.0/token").first?.rawBody)
        #expect(form.contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
    }

    @Test func missingFederatedTokenFileSaysSo() async throws {
        let standIn = try await AzureStandIn.start()
        defer { Task { await standIn.shutdown() } }
        let credential = AzureTestFixture.configuration(
            standIn, credentials: AzureCredentialSettings(clientID: "wi-client", federatedTokenFile: "/nonexistent/token")).defaultCredential()
        let error = await #expect(throws: CredentialError.self) { _ = try await credential.token() }
        #expect(error?.method == "workload identity")
        #expect(error?.reason.contains("/nonexistent/token") == true)
    }

    @Test func managedIdentityUsesIMDSWithMetadataHeader() async throws {
        let fixture = try await AzureTestFixture.start(credentials: AzureCredentialSettings(clientID: "mi-client"))
        defer { Task { await fixture.shutdown() } }
        _ = try await fixture.provider.list()
        #expect(fixture.standIn.issuedTokens.map(\.method) == [.managedIdentity])
        let imds = try #require(fixture.standIn.requests(method: "GET", pathContaining: "/metadata/identity/oauth2/token").first)
        #expect(imds.headers["metadata"] == "true")
        #expect(imds.query["client_id"] == "mi-client")
        #expect(imds.query["resource"] == "https://management.azure.com/")
        #expect(imds.apiVersion == "2018-02-01")
    }

    @Test func concurrentCallersShareOneRefreshAndExpiryIsClampedToTwoHours() async throws {
        let standIn = try await AzureStandIn.start()
        defer { Task { await standIn.shutdown() } }
        standIn.registerClientSecret(clientID: "karpenter-app", secret: "s3cret")
        standIn.setTokenLifetime(seconds: 86_400)
        let credential = AzureTestFixture.configuration(standIn).defaultCredential()
        let tokens = try await withThrowingTaskGroup(of: AccessToken.self) { group in
            for _ in 0..<8 { group.addTask { try await credential.token() } }
            return try await group.reduce(into: [AccessToken]()) { $0.append($1) }
        }
        #expect(Set(tokens.map(\.token)).count == 1)
        #expect(standIn.issuedTokens.count == 1)
        let expiry = try #require(tokens.first?.expiresOn)
        #expect(expiry.timeIntervalSinceNow <= 7200 + 1)
        #expect(expiry.timeIntervalSinceNow > 7000)
    }

    @Test func armRejectsUnknownTokens() async throws {
        let standIn = try await AzureStandIn.start()
        defer { Task { await standIn.shutdown() } }
        struct ForgedCredential: AzureCredential {
            let methodName = "forged"
            func token() async throws(CredentialError) -> AccessToken { AccessToken(token: "forged", expiresOn: .distantFuture) }
        }
        let provider = AzureCloudProvider(configuration: AzureTestFixture.configuration(standIn), credential: ForgedCredential(),
                                          unavailableOfferings: UnavailableOfferings(), timing: .fast)
        let error = await #expect(throws: CloudProviderError.self) { _ = try await provider.list() }
        guard case .permanent(let message)? = error else {
            Issue.record("expected permanent, got \(String(describing: error))")
            return
        }
        #expect(message.contains("InvalidAuthenticationToken"))
    }
}
