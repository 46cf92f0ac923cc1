/// In-flight NodeClaims ordered by pod count, fewest first, older first on ties
/// (SCHEDULING.md §5 step 2). Claims sit in buckets by pod count, so adding a pod moves a
/// claim between two buckets instead of shifting it through a sorted list.
struct NodeClaimOrder {
    /// Claims with the same pod count, by id ascending; `buckets[count]`. Walking the
    /// buckets in order, and each bucket in order, gives the scheduling order.
    private(set) var buckets: [[SimulatedNodeClaim]] = []

    mutating func append(_ claim: SimulatedNodeClaim) {
        insert(claim, count: claim.pods.count)
    }

    /// Call after a pod joined `claim`.
    mutating func podAdded(to claim: SimulatedNodeClaim) {
        let previous = claim.pods.count - 1
        if previous >= 0, previous < buckets.count, let index = position(of: claim, in: buckets[previous]) {
            buckets[previous].remove(at: index)
        }
        insert(claim, count: claim.pods.count)
    }

    private mutating func insert(_ claim: SimulatedNodeClaim, count: Int) {
        while buckets.count <= count { buckets.append([]) }
        let index = insertionPoint(claim.id, in: buckets[count])
        buckets[count].insert(claim, at: index)
    }

    private func insertionPoint(_ id: Int, in bucket: [SimulatedNodeClaim]) -> Int {
        var low = 0, high = bucket.count
        while low < high {
            let mid = (low + high) / 2
            if bucket[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func position(of claim: SimulatedNodeClaim, in bucket: [SimulatedNodeClaim]) -> Int? {
        let index = insertionPoint(claim.id, in: bucket)
        return index < bucket.count && bucket[index] === claim ? index : nil
    }
}

