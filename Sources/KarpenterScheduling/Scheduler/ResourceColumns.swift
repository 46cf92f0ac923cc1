/// Resource vectors stored column by column (one array per core resource) for fit checks
/// over many instance types without copying vectors.
struct ResourceColumns {
    let cpu: [Int64]
    let memory: [Int64]
    let ephemeralStorage: [Int64]
    let pods: [Int64]
    /// Whole vectors, for the rows with extended resources and for everything else.
    let vectors: [ResourceVector]

    init(_ vectors: [ResourceVector]) {
        self.vectors = vectors
        cpu = vectors.map(\.cpuMillis)
        memory = vectors.map(\.memoryBytes)
        ephemeralStorage = vectors.map(\.ephemeralStorageBytes)
        pods = vectors.map(\.pods)
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
