import Foundation
import KarpenterAPI

/// The part of a `coordination.k8s.io/v1` Lease that leader election reads and writes.
struct LeaseRecord: Equatable, Sendable {
    var holderIdentity: String
    var leaseDurationSeconds: Int
    var acquireTime: String?
    var renewTime: String?
    var leaseTransitions: Int

    init(holderIdentity: String, leaseDurationSeconds: Int, acquireTime: String?, renewTime: String?, leaseTransitions: Int) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    init(_ lease: JSONValue) {
        let spec = lease["spec"]
        holderIdentity = spec?["holderIdentity"]?.stringValue ?? ""
        leaseDurationSeconds = spec?["leaseDurationSeconds"]?.integerValue.map(Int.init) ?? 0
        acquireTime = spec?["acquireTime"]?.stringValue
        renewTime = spec?["renewTime"]?.stringValue
        leaseTransitions = spec?["leaseTransitions"]?.integerValue.map(Int.init) ?? 0
    }

    /// Writes the record into `lease` (keeping its metadata, so the update is conflict-checked).
    func applied(to lease: JSONValue) -> JSONValue {
        var lease = lease
        var spec = lease["spec"] ?? .object([:])
        spec["holderIdentity"] = .string(holderIdentity)
        spec["leaseDurationSeconds"] = .int(Int64(leaseDurationSeconds))
        spec["acquireTime"] = acquireTime.map(JSONValue.string)
        spec["renewTime"] = renewTime.map(JSONValue.string)
        spec["leaseTransitions"] = .int(Int64(leaseTransitions))
        lease["spec"] = spec
        return lease
    }

    /// Lease times are MicroTime: RFC 3339 with microseconds, UTC.
    static func microTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'"
        return formatter.string(from: date)
    }
}
