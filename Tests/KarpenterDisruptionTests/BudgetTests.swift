import Foundation
import KarpenterAPI
import Testing
@testable import KarpenterDisruption

@Suite struct BudgetTests {
    func allowed(_ budget: Budget, reason: DisruptionReason = .underutilized, nodes: Int = 5, at time: String = "2026-03-01T12:00:00Z") -> Int? {
        DisruptionBudgets.allowed(by: budget, reason: reason, nodes: nodes, now: Timestamp.parse(time)!)
    }

    @Test func percentagesRoundUp() {
        #expect(allowed(Budget(nodes: "10%"), nodes: 5) == 1)
        #expect(allowed(Budget(nodes: "10%"), nodes: 11) == 2)
        #expect(allowed(Budget(nodes: "10%"), nodes: 10) == 1)
        #expect(allowed(Budget(nodes: "0%"), nodes: 10) == 0)
        #expect(allowed(Budget(nodes: "3"), nodes: 10) == 3)
    }

    @Test func invalidValuesFailClosed() {
        #expect(allowed(Budget(nodes: "ten")) == 0)
        #expect(allowed(Budget(nodes: "-1")) == 0)
        #expect(allowed(Budget(nodes: "5", schedule: "61 * * * *", duration: "1h")) == 0)
        #expect(allowed(Budget(nodes: "5", schedule: "not a cron", duration: "1h")) == 0)
        #expect(allowed(Budget(nodes: "5", schedule: "@daily", duration: "soon")) == 0)
    }

    @Test func reasonsFilterWhichBudgetsApply() {
        let driftOnly = Budget(nodes: "0", reasons: [KarpenterAPI.DisruptionReason.drifted])
        #expect(allowed(driftOnly, reason: .drifted) == 0)
        #expect(allowed(driftOnly, reason: .empty) == nil)
        #expect(allowed(driftOnly, reason: .underutilized) == nil)
    }

    @Test func cronWindowActiveAndInactive() {
        // Business hours window 09:00 for 8h, UTC.
        let window = Budget(nodes: "0", schedule: "0 9 * * *", duration: "8h")
        #expect(allowed(window, at: "2026-03-01T12:00:00Z") == 0)
        #expect(allowed(window, at: "2026-03-01T09:00:00Z") == 0)
        #expect(allowed(window, at: "2026-03-01T17:00:00Z") == nil)
        #expect(allowed(window, at: "2026-03-01T08:59:00Z") == nil)
        // Weekdays only: 2026-03-01 is a Sunday.
        let weekdays = Budget(nodes: "0", schedule: "0 9 * * mon-fri", duration: "8h")
        #expect(allowed(weekdays, at: "2026-03-01T12:00:00Z") == nil)
        #expect(allowed(weekdays, at: "2026-03-02T12:00:00Z") == 0)
    }

    @Test func cronSyntax() throws {
        let noon = Timestamp.parse("2026-03-01T12:00:00Z")!
        let limit = noon.addingTimeInterval(400 * 86_400)
        func next(_ text: String, after: Date = noon) throws -> String? {
            try CronSchedule(parsing: text).next(after: after, notAfter: limit).map(Timestamp.format)
        }
        #expect(try next("*/15 * * * *") == "2026-03-01T12:15:00Z")
        #expect(try next("5,50 13-14 * * *") == "2026-03-01T13:05:00Z")
        #expect(try next("0 0-12/6 * * *") == "2026-03-02T00:00:00Z")
        #expect(try next("@hourly") == "2026-03-01T13:00:00Z")
        #expect(try next("@daily") == "2026-03-02T00:00:00Z")
        #expect(try next("@midnight") == "2026-03-02T00:00:00Z")
        #expect(try next("@weekly") == "2026-03-08T00:00:00Z")
        #expect(try next("@monthly") == "2026-04-01T00:00:00Z")
        #expect(try next("@yearly") == "2027-01-01T00:00:00Z")
        #expect(try next("@annually") == "2027-01-01T00:00:00Z")
        #expect(try next("0 0 1 jan,jul *") == "2026-07-01T00:00:00Z")
        // Both day fields restricted: either matches (the 15th, or a Friday).
        #expect(try next("0 0 15 * fri") == "2026-03-06T00:00:00Z")
        // Day-of-week 7 is Sunday.
        #expect(try next("0 0 * * 7") == "2026-03-08T00:00:00Z")
        #expect(try next("0 0 30 2 *") == nil)
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule(parsing: "* * * *") }
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule(parsing: "*/0 * * * *") }
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule(parsing: "5-1 * * * *") }
    }

    @Test func mappingSubtractsDisruptingNodesAndNamesBlockedPools() {
        let planner = Fixture.planner([
            Fixture.nodePool(budgets: "[{nodes: \"2\"}]"),
            Fixture.nodePool("frozen", budgets: "[{nodes: \"0\"}]"),
            Fixture.node("a"), Fixture.node("b", ready: false), Fixture.node("c"),
            Fixture.node("f", pool: "frozen"),
            Fixture.node("u", initialized: false),
        ])
        let mapping = planner.budgets(for: .underutilized)
        #expect(mapping.pools["default"]?.nodes == 3)
        #expect(mapping.pools["default"]?.disrupting == 1)
        #expect(mapping["default"] == 1)
        #expect(mapping["frozen"] == 0)
        #expect(mapping.blocked.map(\.nodePool) == ["frozen"])
        #expect(mapping.blocked.first?.message == "No allowed disruptions for disruption reason Underutilized due to blocking budget")
    }

    @Test func queuedNodesConsumeBudget() {
        let documents = [Fixture.nodePool(budgets: "[{nodes: \"1\"}]"), Fixture.node("a"), Fixture.node("b")]
        #expect(Fixture.planner(documents).budgets(for: .empty)["default"] == 1)
        let queued = Fixture.planner(documents, options: DisruptionOptions(disruptingNodes: ["a"]))
        #expect(queued.budgets(for: .empty)["default"] == 0)
    }
}
