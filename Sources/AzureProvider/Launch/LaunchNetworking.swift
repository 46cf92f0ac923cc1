import KarpenterAPI
import KarpenterCloud

/// The networking a NIC joins besides its subnet (CLOUD.md §4 steps 5–6): the cluster load
/// balancers' IPv4 backend pools, and the cluster NSG when the subnet is not the AKS-managed one.
struct LaunchNetworking: Sendable, Equatable {
    var backendPoolIDs: [String]
    var networkSecurityGroupID: String?
}

/// Load balancer and NSG look-ups, cached per provider (both live in the node resource group,
/// which never changes for a provider). Concurrent launches share one in-flight list call.
actor NetworkingCache {
    /// CLOUD.md §4 step 5: the LB list is re-read at most every 2 h (a `kubernetes-internal` LB
    /// created later is picked up by then; until then cloud-provider-azure adds VMs to it).
    static let loadBalancerTTL: Duration = .seconds(2 * 3600)
    /// The cluster NSG does not change for the life of a cluster; re-read every 2 h as well so a
    /// fixed misconfiguration is noticed. Failures (zero or several NSGs) are never cached.
    static let networkSecurityGroupTTL: Duration = .seconds(2 * 3600)

    private struct Entry<Value: Sendable> {
        var value: Value
        var expires: ContinuousClock.Instant
    }

    private var pools: Entry<[String]>?
    private var poolsLoad: Task<Result<[String], ARMError>, Never>?
    private var nsg: Entry<String>?
    private var nsgLoad: Task<Result<String, CloudProviderError>, Never>?

    /// The cached pool IDs, or a fresh list when absent, expired or `refresh` (a NIC PUT found a vanished pool).
    func backendPoolIDs(refresh: Bool,
                        load: @escaping @Sendable () async -> Result<[String], ARMError>) async throws(ARMError) -> [String] {
        if !refresh, let pools, pools.expires > .now { return pools.value }
        if refresh, poolsLoad == nil { self.pools = nil }
        let task: Task<Result<[String], ARMError>, Never>
        if let running = poolsLoad {
            task = running
        } else {
            task = Task { await load() }
            poolsLoad = task
        }
        let result = await task.value
        if poolsLoad == task {
            poolsLoad = nil
            if case .success(let ids) = result { pools = Entry(value: ids, expires: .now + Self.loadBalancerTTL) }
        }
        return try result.get()
    }

    func networkSecurityGroupID(load: @escaping @Sendable () async -> Result<String, CloudProviderError>) async throws(CloudProviderError) -> String {
        if let nsg, nsg.expires > .now { return nsg.value }
        let task: Task<Result<String, CloudProviderError>, Never>
        if let running = nsgLoad {
            task = running
        } else {
            task = Task { await load() }
            nsgLoad = task
        }
        let result = await task.value
        if nsgLoad == task {
            nsgLoad = nil
            if case .success(let id) = result { nsg = Entry(value: id, expires: .now + Self.networkSecurityGroupTTL) }
        }
        return try result.get()
    }
}

/// Pure rules of steps 5 and 6.
enum ClusterNetworking {
    static let loadBalancerNames: Set<String> = ["kubernetes", "kubernetes-internal"]

    /// IPv4 backend pool IDs of the `kubernetes` / `kubernetes-internal` load balancers in `loadBalancers`
    /// (an ARM list's `value`). Skipped: pools named `*-ipv6` (IPv6 pools belong on a secondary
    /// ipconfig, which we do not create) and IP-address-based pools (NodeIP mode: the pool lists
    /// addresses, NICs are never attached to it).
    static func applicableBackendPoolIDs(_ loadBalancers: [JSONValue]) -> [String] {
        var ids: [String] = []
        for lb in loadBalancers {
            guard let name = lb["name"]?.stringValue, loadBalancerNames.contains(name.lowercased()) else { continue }
            for pool in lb["properties"]?["backendAddressPools"]?.arrayValue ?? [] {
                guard let poolName = pool["name"]?.stringValue, let id = pool["id"]?.stringValue,
                      pool["properties"]?.objectValue != nil else { continue }
                if poolName.lowercased().hasSuffix("-ipv6") { continue }
                let addresses = pool["properties"]?["loadBalancerBackendAddresses"]?.arrayValue ?? []
                let ipBased = addresses.contains { ($0["properties"]?["ipAddress"]?.stringValue ?? "").isEmpty == false }
                if !ipBased { ids.append(id) }
            }
        }
        return ids
    }

    /// `aks-agentpool-<8 digits>-nsg`.
    static func isClusterNSGName(_ name: String) -> Bool {
        let lower = name.lowercased()
        let prefix = "aks-agentpool-", suffix = "-nsg"
        guard lower.hasPrefix(prefix), lower.hasSuffix(suffix) else { return false }
        let middle = lower.dropFirst(prefix.count).dropLast(suffix.count)
        return middle.count == 8 && middle.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The AKS-managed VNET: `/subscriptions/*/resourceGroups/<node RG>/providers/Microsoft.Network/
    /// virtualNetworks/aks-vnet-<8 digits>/subnets/aks-subnet` (case-insensitive).
    static func isAKSManagedSubnet(_ subnetID: String, nodeResourceGroup: String) -> Bool {
        let parts = subnetID.split(separator: "/").map { $0.lowercased() }
        guard parts.count == 10, parts[0] == "subscriptions", parts[2] == "resourcegroups", parts[4] == "providers",
              parts[5] == "microsoft.network", parts[6] == "virtualnetworks", parts[8] == "subnets" else { return false }
        let vnet = parts[7], prefix = "aks-vnet-"
        let digits = vnet.dropFirst(prefix.count)
        return parts[3] == nodeResourceGroup.lowercased() && parts[9] == "aks-subnet"
            && vnet.hasPrefix(prefix) && digits.count == 8 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A NIC PUT refused because a referenced LB backend pool no longer exists. ARM answers
    /// 400 `InvalidResourceReference`: "Resource /subscriptions/…/loadBalancers/kubernetes/
    /// backendAddressPools/<pool> referenced by resource /subscriptions/…/networkInterfaces/<nic>
    /// was not found. …" — matched on the code plus `/backendAddressPools/` in the message, so a
    /// vanished subnet or NSG (same code) is not retried.
    static func isVanishedBackendPool(_ error: ARMError) -> Bool {
        error.code == "InvalidResourceReference" && error.message.lowercased().contains("/backendaddresspools/")
    }
}

extension AzureCloudProvider {
    var loadBalancersPath: String {
        "/subscriptions/\(configuration.subscriptionID)/resourceGroups/\(configuration.nodeResourceGroup)/providers/Microsoft.Network/loadBalancers"
    }

    var networkSecurityGroupsPath: String {
        "/subscriptions/\(configuration.subscriptionID)/resourceGroups/\(configuration.nodeResourceGroup)/providers/Microsoft.Network/networkSecurityGroups"
    }

    /// Step 5 (cached 2 h; `refresh` forces a new list).
    func backendPoolIDs(refresh: Bool = false) async throws(ARMError) -> [String] {
        let path = loadBalancersPath
        return try await networkCache.backendPoolIDs(refresh: refresh) { [self] in
            do throws(ARMError) {
                let lbs = try await listAll(path: path, apiVersion: APIVersion.network)
                let ids = ClusterNetworking.applicableBackendPoolIDs(lbs)
                logger.debug("load balancer backend pools", metadata: ["count": "\(ids.count)", "ids": "\(ids)"])
                return .success(ids)
            } catch {
                return .failure(error)
            }
        }
    }

    /// Step 6: nil for the AKS-managed subnet, else the one `aks-agentpool-<8 digits>-nsg` of the node RG.
    func clusterNSGID(subnetID: String) async throws(CloudProviderError) -> String? {
        if ClusterNetworking.isAKSManagedSubnet(subnetID, nodeResourceGroup: configuration.nodeResourceGroup) { return nil }
        let path = networkSecurityGroupsPath
        let resourceGroup = configuration.nodeResourceGroup
        return try await networkCache.networkSecurityGroupID { [self] in
            let nsgs: [JSONValue]
            do throws(ARMError) {
                nsgs = try await listAll(path: path, apiVersion: APIVersion.network)
            } catch {
                return .failure(Self.listFailure(error))
            }
            let matching = nsgs.filter { ClusterNetworking.isClusterNSGName($0["name"]?.stringValue ?? "") }
            guard matching.count == 1, let id = matching[0]["id"]?.stringValue else {
                let names = matching.compactMap { $0["name"]?.stringValue }.sorted()
                let found = names.isEmpty ? "none" : names.joined(separator: ", ")
                return .failure(.permanent("the subnet \(subnetID) is not the AKS-managed VNET, so VMs need the cluster NSG "
                    + "aks-agentpool-<8 digits>-nsg of resource group \(resourceGroup); expected exactly one, found \(found)"))
            }
            return .success(id)
        }
    }

    /// A failed LB/NSG list (a 404 means the node resource group is missing: not a vanished VM).
    static func listFailure(_ error: ARMError) -> CloudProviderError {
        error.isNotFound ? .permanent("CreateInstanceFailed: \(error.description)") : error.cloudError(providerID: "")
    }

    /// Steps 5 and 6 for one launch.
    func launchNetworking(subnetID: String) async throws(CloudProviderError) -> LaunchNetworking {
        let pools: [String]
        do {
            pools = try await backendPoolIDs()
        } catch {
            throw Self.listFailure(error)
        }
        return LaunchNetworking(backendPoolIDs: pools, networkSecurityGroupID: try await clusterNSGID(subnetID: subnetID))
    }
}
