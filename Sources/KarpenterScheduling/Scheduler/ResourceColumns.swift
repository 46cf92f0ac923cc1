/// Resource vectors stored column by column (one array per core resource) for fit checks
/// over many instance types without copying vectors.
struct ResourceColumns {
    let cpu: [Int64]
    let memory: [Int64]
    let ephemeralStorage: [Int64]
    let pods: [Int64]
    /// Whole vectors, for the rows with extended resources and for everything else.
    let vectors: [ResourceVector]
    /// Whether any row has an extended resource (GPUs, hugepages).
    let hasExtended: Bool

    init(_ vectors: [ResourceVector]) {
        self.vectors = vectors
        cpu = vectors.map(\.cpuMillis)
        memory = vectors.map(\.memoryBytes)
        ephemeralStorage = vectors.map(\.ephemeralStorageBytes)
        pods = vectors.map(\.pods)
        hasExtended = vectors.contains { !$0.extended.isEmpty }
    }

    /// Per-resource maximum and minimum over `rows`.
    func bounds(_ rows: [Int32]) -> (largest: ResourceVector, smallest: ResourceVector) {
        guard let first = rows.first else { return (ResourceVector(), ResourceVector()) }
        if hasExtended {
            var largest = vectors[Int(first)]
            var smallest = largest
            for row in rows.dropFirst() {
                largest = largest.maximum(vectors[Int(row)])
                smallest = smallest.minimum(vectors[Int(row)])
            }
            return (largest, smallest)
        }
        var high = (cpu[Int(first)], memory[Int(first)], ephemeralStorage[Int(first)], pods[Int(first)])
        var low = high
        for row in rows {
            let index = Int(row)
            high = (Swift.max(high.0, cpu[index]), Swift.max(high.1, memory[index]),
                    Swift.max(high.2, ephemeralStorage[index]), Swift.max(high.3, pods[index]))
            low = (Swift.min(low.0, cpu[index]), Swift.min(low.1, memory[index]),
                   Swift.min(low.2, ephemeralStorage[index]), Swift.min(low.3, pods[index]))
        }
        return (ResourceVector(cpuMillis: high.0, memoryBytes: high.1, ephemeralStorageBytes: high.2, pods: high.3),
                ResourceVector(cpuMillis: low.0, memoryBytes: low.1, ephemeralStorageBytes: low.2, pods: low.3))
    }

    /// `requests.fits(in: vectors[row])`, fast when the requests name only core resources.
    @inline(__always)
    func fits(_ requests: ResourceVector, row: Int) -> Bool {
        guard requests.extended.isEmpty else { return requests.fits(in: vectors[row]) }
        let (c, m, e, p) = (cpu[row], memory[row], ephemeralStorage[row], pods[row])
        return c >= 0 && m >= 0 && e >= 0 && p >= 0
            && requests.cpuMillis <= c && requests.memoryBytes <= m
            && requests.ephemeralStorageBytes <= e && requests.pods <= p
    }
}

extension ResourceVector {
    /// Per-resource minimum (a resource missing on either side counts as 0).
    func minimum(_ other: ResourceVector) -> ResourceVector {
        var result = self
        result.cpuMillis = Swift.min(cpuMillis, other.cpuMillis)
        result.memoryBytes = Swift.min(memoryBytes, other.memoryBytes)
        result.ephemeralStorageBytes = Swift.min(ephemeralStorageBytes, other.ephemeralStorageBytes)
        result.pods = Swift.min(pods, other.pods)
        if extended.isEmpty && other.extended.isEmpty { return result }
        for item in extended {
            result[item.name] = Swift.min(item.amount, other[item.name])
        }
        for item in other.extended where self[item.name] == 0 && item.amount < 0 {
            result[item.name] = item.amount
        }
        return result
    }
}
