import AzureProvider
import AzureStandIn
import Foundation
import Testing

@Suite("Long-running operations honour Retry-After")
struct OperationRetryAfterTests {
    /// With a 30 s default poll interval, only honouring the accepting answer's `Retry-After: 0`
    /// lets a launch (NIC and VM operations) finish within seconds.
    @Test func theFirstPollWaitsAsLongAsTheAcceptingAnswerSays() async throws {
        let slowDefault = AzureTiming(pollInterval: .seconds(30), operationTimeout: .seconds(120), requestTimeout: .seconds(5),
                                      maxRetries: 3, retryBaseDelay: .milliseconds(10), maxRetryDelay: .seconds(60))
        let fixture = try await AzureTestFixture.start(timing: slowDefault)
        defer { Task { await fixture.shutdown() } }
        fixture.standIn.setOperationPolls(1)
        fixture.standIn.setOperationRetryAfter(0)
        let started = ContinuousClock.now
        _ = try await fixture.launch("retry-after-1", types: [AzureTestFixture.instanceType("Standard_D2s_v3", price: 0.096)])
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(fixture.standIn.virtualMachines.map(\.name) == ["aks-retry-after-1"])
    }
}
