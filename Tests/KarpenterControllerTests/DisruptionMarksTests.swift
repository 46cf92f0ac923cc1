import KarpenterAPI
@testable import KarpenterController
import Testing

@Suite struct DisruptionMarksTests {
    @Test func theDisruptedTaintIsAddedOnceAndReplacesAnotherEffect() {
        let other = Taint(key: "team", effect: .noSchedule)
        let disrupted = Taint(key: "karpenter.sh/disrupted", effect: .noSchedule)
        #expect(DisruptionMarks.withDisruptedTaint([other]) == [other, disrupted])
        #expect(DisruptionMarks.withDisruptedTaint([other, disrupted]) == nil, "already tainted: no write")
        #expect(DisruptionMarks.withDisruptedTaint([Taint(key: "karpenter.sh/disrupted", effect: .noExecute), other]) == [other, disrupted])
    }
}
