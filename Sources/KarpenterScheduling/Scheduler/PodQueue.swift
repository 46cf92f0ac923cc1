/// FIFO of pods that stops once a full cycle makes no progress (SCHEDULING.md §4.1).
struct PodQueue {
    private var pods: [SchedulingPod]
    private var head = 0
    private var lastLength: [ObjectIdentifier: Int] = [:]

    init(_ pods: [SchedulingPod]) { self.pods = pods }

    private var count: Int { pods.count - head }

    mutating func pop() -> SchedulingPod? {
        guard head < pods.count else { return nil }
        let pod = pods[head]
        if lastLength[ObjectIdentifier(pod)] == count { return nil }
        head += 1
        if head > 1024 && head * 2 > pods.count {
            pods.removeFirst(head)
            head = 0
        }
        return pod
    }

    mutating func push(_ pod: SchedulingPod, relaxed: Bool) {
        pods.append(pod)
        if relaxed {
            lastLength.removeAll()
        } else {
            lastLength[ObjectIdentifier(pod)] = count
        }
    }
}
