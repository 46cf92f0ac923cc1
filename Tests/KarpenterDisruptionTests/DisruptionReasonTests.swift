import Testing
@testable import KarpenterDisruption

@Test func budgetReasonsUseTheAPISpelling() {
    #expect(DisruptionReason.allCases.map(\.rawValue) == ["Empty", "Underutilized", "Drifted"])
}
