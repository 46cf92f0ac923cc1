import KarpenterAPI

/// One HTTP request the stand-in received, for assertions.
public struct RecordedRequest: Sendable {
    public var method: String
    /// The path without the query string.
    public var path: String
    public var query: [String: String]
    public var headers: [String: String]
    public var body: JSONValue?
    public var rawBody: String

    public var apiVersion: String? { query["api-version"] }
    public var authorization: String? { headers["authorization"] }
}

/// A VM as the stand-in holds it.
public struct StandInVirtualMachine: Sendable {
    public var name: String
    public var resourceGroup: String
    public var location: String
    public var size: String
    public var zones: [String]
    public var priority: String
    public var tags: [String: String]
    public var provisioningState: String
    /// The whole resource as answered on GET.
    public var resource: JSONValue
}

public struct StandInNetworkInterface: Sendable {
    public var name: String
    public var resourceGroup: String
    public var tags: [String: String]
    public var provisioningState: String
    public var resource: JSONValue
}

/// A token the stand-in issued, and how it was obtained.
public struct IssuedToken: Sendable, Equatable {
    public enum Method: String, Sendable { case clientSecret, workloadIdentity, managedIdentity }
    public var method: Method
    public var clientID: String?
    /// The client assertion (federated token) for workload identity.
    public var assertion: String?
    public var accessToken: String
}

/// A failure the next matching VM create answers with.
public struct InjectedVMFailure: Sendable {
    public var code: String
    public var message: String
    /// The zone number (`"1"`), `""` for regional VMs, nil for any.
    public var zone: String?
    public var sku: String?
    public var remaining: Int
    /// True: the PUT is accepted and the long-running operation fails; false: the PUT answers 409.
    public var asynchronous: Bool
}

/// Which headers long-running operations answer with.
public enum LROStyle: Sendable {
    /// `Azure-AsyncOperation` (and `Location` too on deletes), as Compute and Network do.
    case azureAsyncOperation
    /// `Location` only: the poller must fall back to it.
    case location
}

/// A community gallery image version: its name and when it was published (RFC 3339).
public struct StandInImageVersion: Sendable, Equatable {
    public var name: String
    public var publishedDate: String
    public var excludeFromLatest: Bool

    public init(name: String, publishedDate: String, excludeFromLatest: Bool = false) {
        self.name = name
        self.publishedDate = publishedDate
        self.excludeFromLatest = excludeFromLatest
    }
}

/// One entry of the AKS nodeImageVersions list (`os` is the gallery: `AKSUbuntu`, `AKSAzureLinux`).
public struct StandInNodeImageVersion: Sendable, Equatable {
    public var os: String
    public var sku: String
    public var version: String

    public init(os: String, sku: String, version: String) {
        self.os = os
        self.sku = sku
        self.version = version
    }
}

/// A load balancer the stand-in lists: its name and backend pools.
public struct StandInLoadBalancer: Sendable, Equatable {
    public var name: String
    public var pools: [StandInBackendPool]

    public init(name: String, pools: [StandInBackendPool]) {
        self.name = name
        self.pools = pools
    }
}

/// A backend address pool; `ipAddresses` non-empty makes it an IP-based (NodeIP mode) pool.
public struct StandInBackendPool: Sendable, Equatable {
    public var name: String
    public var ipAddresses: [String]

    public init(name: String, ipAddresses: [String] = []) {
        self.name = name
        self.ipAddresses = ipAddresses
    }
}
