/// Outcome of checking `minValues` over an ordered list of instance types (SCHEDULING.md §3.6).
public struct MinValuesResult: Sendable, Equatable {
    /// Smallest prefix length of the list that satisfies every key (the whole list when unmet;
    /// 0 when no requirement has minValues).
    public var neededInstanceTypes: Int
    /// Keys whose minValues the whole list cannot reach, with the number of distinct values found.
    public var unsatisfied: [String: Int]

    public var isSatisfied: Bool { unsatisfied.isEmpty }

    /// `minValues requirement is not met for label(s) [a b]`, or nil when satisfied.
    public var errorDescription: String? {
        guard !unsatisfied.isEmpty else { return nil }
        return "minValues requirement is not met for label(s) [" + unsatisfied.keys.sorted().joined(separator: " ") + "]"
    }
}

extension Requirements {
    /// Walks `instanceTypes` in order (callers sort by price), collecting the distinct values
    /// each type offers for every key with `minValues`, and stops at the first prefix that
    /// covers all of them.
    public func satisfiesMinValues(_ instanceTypes: [InstanceType]) -> MinValuesResult {
        let keyed = items.filter { $0.minValues != nil }
        guard !keyed.isEmpty else { return MinValuesResult(neededInstanceTypes: 0, unsatisfied: [:]) }
        var seen = Array(repeating: Set<UInt32>(), count: keyed.count)
        for (index, instanceType) in instanceTypes.enumerated() {
            var allMet = true
            for (slot, requirement) in keyed.enumerated() {
                for value in instanceType.requirements.get(requirement.key).values { seen[slot].insert(value.id) }
                if seen[slot].count < requirement.minValues! { allMet = false }
            }
            if allMet { return MinValuesResult(neededInstanceTypes: index + 1, unsatisfied: [:]) }
        }
        var unsatisfied: [String: Int] = [:]
        for (slot, requirement) in keyed.enumerated() where seen[slot].count < requirement.minValues! {
            unsatisfied[requirement.key.name] = seen[slot].count
        }
        return MinValuesResult(neededInstanceTypes: instanceTypes.count, unsatisfied: unsatisfied)
    }
}
