import KarpenterAPI

/// A host port a pod claims (SCHEDULING.md §10).
struct HostPort: Sendable, Hashable {
    var ip: String
    var port: Int
    var proto: String

    /// Same protocol and port, and the same IP or either one unspecified.
    func conflicts(with other: HostPort) -> Bool {
        guard port == other.port, proto == other.proto else { return false }
        return ip == other.ip || ip == "0.0.0.0" || other.ip == "0.0.0.0"
    }

    static func of(_ spec: PodSpec) -> [HostPort] {
        var ports: [HostPort] = []
        for container in spec.containers ?? [] {
            for port in container.ports ?? [] {
                guard let hostPort = port.hostPort, hostPort != 0 else { continue }
                let ip = (port.hostIP ?? "").isEmpty ? "0.0.0.0" : port.hostIP!
                ports.append(HostPort(ip: ip, port: hostPort, proto: port.protocol ?? "TCP"))
            }
        }
        return ports
    }

    static func firstConflict(_ wanted: [HostPort], _ used: [HostPort]) -> HostPort? {
        for port in wanted where used.contains(where: { $0.conflicts(with: port) }) { return port }
        return nil
    }
}
