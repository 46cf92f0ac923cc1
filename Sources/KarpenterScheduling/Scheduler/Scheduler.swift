/// The provisioning scheduler (SCHEDULING.md): decides which pods fit existing nodes and
/// which new NodeClaims to launch for the rest. Pure and deterministic: the same snapshot
/// always gives the same result.
public enum Scheduler {
    public static func solve(_ snapshot: SchedulingSnapshot) -> SchedulingResult {
        var engine = SchedulingEngine(snapshot: snapshot)
        return engine.run()
    }
}
