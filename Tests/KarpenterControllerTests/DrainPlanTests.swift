import Foundation
import KarpenterAPI
@testable import KarpenterController
import Testing

/// The pure drain decisions: groups, what is skipped, forced deletions, do-not-disrupt.
struct DrainPlanTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func pod(_ name: String, daemonSet: Bool = false, critical: Bool = false, tolerates: Bool = false,
                    mirror: Bool = false, phase: String = "Running", deletedAgo: TimeInterval? = nil,
                    grace: Int64? = 30, doNotDisrupt: String? = nil, startedAgo: TimeInterval = 600) -> Pod {
        var pod = Pod()
        pod.metadata.name = name
        pod.metadata.namespace = "default"
        pod.metadata.uid = "uid-\(name)"
        pod.metadata.creationTimestamp = Timestamps.string(now.addingTimeInterval(-startedAgo - 1))
        if daemonSet {
            pod.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "DaemonSet", name: "ds", uid: "ds-uid", controller: true)]
        }
        if mirror {
            pod.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "Node", name: "node", uid: "node-uid", controller: true)]
        }
        if let deletedAgo { pod.metadata.deletionTimestamp = Timestamps.string(now.addingTimeInterval(-deletedAgo)) }
        if let doNotDisrupt { pod.metadata.annotations = [KarpenterAnnotation.doNotDisrupt: doNotDisrupt] }
        pod.spec.nodeName = "node"
        pod.spec.terminationGracePeriodSeconds = grace
        if critical { pod.spec.priorityClassName = "system-node-critical" }
        if tolerates { pod.spec.tolerations = [Toleration(operator: .exists)] }
        pod.status = PodStatus(phase: PodPhase(rawValue: phase), startTime: Timestamps.string(now.addingTimeInterval(-startedAgo)))
        return pod
    }

    static func names(_ refs: [DrainPlan.PodRef]) -> [String] { refs.map(\.name) }

    @Test func drainsTheNonCriticalNonDaemonSetGroupFirst() {
        let pods = [Self.pod("ds", daemonSet: true), Self.pod("b"), Self.pod("crit", critical: true),
                    Self.pod("a"), Self.pod("crit-ds", daemonSet: true, critical: true)]
        let plan = DrainPlan.make(pods: pods, nodeTerminationTime: nil, now: Self.now)
        #expect(plan.group == .nonCritical)
        #expect(Self.names(plan.evict) == ["a", "b"])
        #expect(plan.waiting.count == 5)
        #expect(plan.forceDelete.isEmpty)
        #expect(!plan.isDrained)
    }

    @Test func eachGroupWaitsForThePreviousOneIncludingTerminatingPods() {
        let terminating = DrainPlan.make(pods: [Self.pod("a", deletedAgo: 5), Self.pod("ds", daemonSet: true)],
                                         nodeTerminationTime: nil, now: Self.now)
        #expect(terminating.group == .nonCritical)
        #expect(terminating.evict.isEmpty)
        #expect(terminating.waiting.count == 2)

        let daemonSets = DrainPlan.make(pods: [Self.pod("ds", daemonSet: true), Self.pod("crit", critical: true)],
                                        nodeTerminationTime: nil, now: Self.now)
        #expect(daemonSets.group == .nonCriticalDaemonSet)
        #expect(Self.names(daemonSets.evict) == ["ds"])

        let critical = DrainPlan.make(pods: [Self.pod("crit", critical: true), Self.pod("crit-ds", daemonSet: true, critical: true)],
                                      nodeTerminationTime: nil, now: Self.now)
        #expect(critical.group == .critical)
        #expect(Self.names(critical.evict) == ["crit"])

        let last = DrainPlan.make(pods: [Self.pod("crit-ds", daemonSet: true, critical: true)], nodeTerminationTime: nil, now: Self.now)
        #expect(last.group == .criticalDaemonSet)
        #expect(Self.names(last.evict) == ["crit-ds"])
    }

    @Test func skipsTolerantMirrorTerminalAndStuckPods() {
        let pods = [Self.pod("tolerant", tolerates: true), Self.pod("mirror", mirror: true), Self.pod("done", phase: "Succeeded"),
                    Self.pod("failed", phase: "Failed"), Self.pod("stuck", deletedAgo: 61)]
        let plan = DrainPlan.make(pods: pods, nodeTerminationTime: nil, now: Self.now)
        #expect(plan.isDrained)
        #expect(plan.group == nil)
        #expect(plan.evict.isEmpty)
        // Terminating for less than a minute still counts.
        #expect(!DrainPlan.make(pods: [Self.pod("recent", deletedAgo: 59)], nodeTerminationTime: nil, now: Self.now).isDrained)
    }

    @Test func onlyATolerationOfTheDisruptedTaintSkipsAPod() {
        var specific = Self.pod("specific")
        specific.spec.tolerations = [Toleration(key: "karpenter.sh/disrupted", operator: .exists, effect: .noSchedule)]
        var other = Self.pod("other")
        other.spec.tolerations = [Toleration(key: "node.kubernetes.io/not-ready", operator: .exists, effect: .noExecute)]
        let plan = DrainPlan.make(pods: [specific, other], nodeTerminationTime: nil, now: Self.now)
        #expect(Self.names(plan.waiting) == ["other"])
    }

    @Test func doNotDisruptHoldsTheEvictionUntilItLapses() {
        #expect(DrainPlan.doNotDisruptActive(Self.pod("p", doNotDisrupt: "true"), now: Self.now))
        #expect(!DrainPlan.doNotDisruptActive(Self.pod("p", doNotDisrupt: "false"), now: Self.now))
        #expect(!DrainPlan.doNotDisruptActive(Self.pod("p", doNotDisrupt: "soon"), now: Self.now))
        #expect(!DrainPlan.doNotDisruptActive(Self.pod("p"), now: Self.now))
        // A duration counts from the pod's start.
        #expect(DrainPlan.doNotDisruptActive(Self.pod("p", doNotDisrupt: "15m", startedAgo: 600), now: Self.now))
        #expect(!DrainPlan.doNotDisruptActive(Self.pod("p", doNotDisrupt: "5m", startedAgo: 600), now: Self.now))
        #expect(DrainPlan.doNotDisruptLapse(Self.pod("p", doNotDisrupt: "1h", startedAgo: 600)) == Self.now.addingTimeInterval(3000))

        let plan = DrainPlan.make(pods: [Self.pod("held", doNotDisrupt: "true"), Self.pod("free")], nodeTerminationTime: nil, now: Self.now)
        #expect(Self.names(plan.held) == ["held"])
        #expect(Self.names(plan.evict) == ["free"])
        #expect(plan.waiting.count == 2)
    }

    @Test func forcesDeletionOncePastTheDeadlineMinusThePodsGracePeriod() {
        let deadline = Self.now.addingTimeInterval(20)
        // 30 s of pod grace no longer fit in 20 s: deleted now with the 20 s left.
        #expect(DrainPlan.forcedDeletionGrace(Self.pod("p", grace: 30), nodeTerminationTime: deadline, now: Self.now) == 20)
        // 10 s still fit.
        #expect(DrainPlan.forcedDeletionGrace(Self.pod("p", grace: 10), nodeTerminationTime: deadline, now: Self.now) == nil)
        // Without a grace period only the deadline itself forces it, with at least 1 s.
        #expect(DrainPlan.forcedDeletionGrace(Self.pod("p", grace: nil), nodeTerminationTime: deadline, now: Self.now) == nil)
        #expect(DrainPlan.forcedDeletionGrace(Self.pod("p", grace: nil), nodeTerminationTime: Self.now.addingTimeInterval(-3), now: Self.now) == 1)
        // Less than a second left: still at least 1 s of grace; no grace period at all waits for the deadline.
        #expect(DrainPlan.forcedDeletionGrace(Self.pod("p", grace: 2), nodeTerminationTime: Self.now.addingTimeInterval(0.4), now: Self.now) == 1)
        #expect(DrainPlan.forcedDeletionGrace(Self.pod("p", grace: 0), nodeTerminationTime: Self.now.addingTimeInterval(0.4), now: Self.now) == nil)
    }

    @Test func aTerminatingPodIsDeletedAgainOnlyWhenItWouldOutliveTheDeadline() {
        let deadline = Self.now.addingTimeInterval(10)
        // Its own deletion ends in 50 s, after the deadline: shortened to the 10 s left.
        #expect(DrainPlan.forcedDeletionGrace(Self.pod("p", deletedAgo: -50), nodeTerminationTime: deadline, now: Self.now) == 10)
        // It ends before the deadline anyway.
        #expect(DrainPlan.forcedDeletionGrace(Self.pod("p", deletedAgo: -5), nodeTerminationTime: deadline, now: Self.now) == nil)
        // Already as short as a new deletion would make it.
        #expect(DrainPlan.forcedDeletionGrace(Self.pod("p", deletedAgo: -10.5), nodeTerminationTime: Self.now.addingTimeInterval(10), now: Self.now) == nil)
    }

    @Test func forcedDeletionsCrossGroupsBypassDoNotDisruptAndAreNotEvicted() {
        let deadline = Self.now.addingTimeInterval(5)
        let pods = [Self.pod("held", grace: 30, doNotDisrupt: "true"), Self.pod("patient", grace: 1),
                    Self.pod("ds", daemonSet: true, grace: 60), Self.pod("crit", critical: true, grace: 1)]
        let plan = DrainPlan.make(pods: pods, nodeTerminationTime: deadline, now: Self.now)
        #expect(plan.forceDelete == [DrainPlan.ForceDeletion(pod: DrainPlan.PodRef(pods[2]), gracePeriodSeconds: 5),
                                     DrainPlan.ForceDeletion(pod: DrainPlan.PodRef(pods[0]), gracePeriodSeconds: 5)])
        #expect(plan.group == .nonCritical)
        #expect(Self.names(plan.evict) == ["patient"])
        #expect(plan.held.isEmpty)
        #expect(plan.waiting.count == 4)

        let late = DrainPlan.make(pods: pods, nodeTerminationTime: Self.now.addingTimeInterval(-1), now: Self.now)
        #expect(late.forceDelete.count == 4)
        #expect(late.forceDelete.allSatisfy { $0.gracePeriodSeconds == 1 })
        #expect(late.evict.isEmpty)
    }

    @Test func evictionBackOffDoublesFromItsBaseUpToItsMaximum() {
        let delays = (1...10).map { EvictionQueue.backoff(failures: $0, base: .milliseconds(100), maximum: .seconds(10)) }
        #expect(delays.prefix(8) == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                                     .milliseconds(1600), .milliseconds(3200), .milliseconds(6400), .seconds(10)])
        #expect(delays.last == .seconds(10))
    }

    @Test func theTerminationDeadlineIsTheDeletionPlusTheGracePeriodOrTheAnnotation() throws {
        var claim: JSONValue = .object([
            "metadata": .object(["name": .string("c"), "deletionTimestamp": .string("2027-01-15T08:00:00Z")]),
            "spec": .object(["terminationGracePeriod": .string("1h30m")]),
        ])
        let expected = try #require(Timestamps.date("2027-01-15T09:30:00Z"))
        #expect(TerminationDeadline.computed(claim) == expected)
        #expect(TerminationDeadline.of(claim) == expected)
        claim["metadata"]?["annotations"] = .object([TerminationNames.terminationTimestampAnnotation: .string("2027-01-15T09:00:00Z")])
        #expect(TerminationDeadline.of(claim) == Timestamps.date("2027-01-15T09:00:00Z"))
        claim["spec"] = .object([:])
        #expect(TerminationDeadline.computed(claim) == nil)
    }

    @Test func expirationCountsFromCreationAndNeverNeverExpires() throws {
        func claim(_ expireAfter: String?) -> JSONValue {
            var spec: [String: JSONValue] = [:]
            if let expireAfter { spec["expireAfter"] = .string(expireAfter) }
            return .object(["metadata": .object(["name": .string("c"), "creationTimestamp": .string("2027-01-15T08:00:00Z")]),
                            "spec": .object(.init(uniqueKeysWithValues: spec.map { ($0.key, $0.value) }))])
        }
        #expect(NodeClaimReconciler.expirationTime(of: claim("720h")) == Timestamps.date("2027-02-14T08:00:00Z"))
        #expect(NodeClaimReconciler.expirationTime(of: claim("90s")) == Timestamps.date("2027-01-15T08:01:30Z"))
        #expect(NodeClaimReconciler.expirationTime(of: claim("Never")) == nil)
        #expect(NodeClaimReconciler.expirationTime(of: claim(nil)) == nil)
        #expect(NodeClaimReconciler.expirationTime(of: claim("garbage")) == nil)
    }

    @Test func anExpirationRequeueIsArmedOncePerDeadline() async {
        let timers = ExpirationTimers()
        let deadline = Self.now
        #expect(await timers.arm("a", deadline: deadline))
        #expect(!(await timers.arm("a", deadline: deadline)))
        #expect(await timers.arm("a", deadline: deadline.addingTimeInterval(1)))
        await timers.forget("a")
        #expect(await timers.arm("a", deadline: deadline.addingTimeInterval(1)))
    }
}
