import Foundation
import KarpenterAPI
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A local HTTP stand-in for Azure Resource Manager (VMs, NICs, load balancers, NSGs, long-running operations,
/// Resource Graph), the Entra ID token endpoint and IMDS, answering with the real response
/// shapes. Tests point the provider's ARM endpoint, authority host and IMDS endpoint at `baseURL`.
public final class AzureStandIn: Sendable {
    public let baseURL: String
    private let state: NIOLockedValueBox<StandInState>
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    private init(baseURL: String, state: NIOLockedValueBox<StandInState>, channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.baseURL = baseURL
        self.state = state
        self.channel = channel
        self.group = group
    }

    /// Listens on 127.0.0.1 on a free port.
    public static func start() async throws -> AzureStandIn {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let state = NIOLockedValueBox(StandInState())
        let baseURLBox = NIOLockedValueBox("")
        let respond: @Sendable (StandInRequest) -> StandInResponse = { request in
            let baseURL = baseURLBox.withLockedValue { $0 }
            return state.withLockedValue { $0.handle(request, baseURL: baseURL) }
        }
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 64)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.pipeline.configureHTTPServerPipeline().flatMap {
                        channel.pipeline.addHandler(StandInChannelHandler(respond: respond))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            let port = channel.localAddress?.port ?? 0
            let baseURL = "http://127.0.0.1:\(port)"
            baseURLBox.withLockedValue { $0 = baseURL }
            return AzureStandIn(baseURL: baseURL, state: state, channel: channel, group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    public func shutdown() async {
        try? await channel.close().get()
        try? await group.shutdownGracefully()
    }

    // MARK: What happened

    public var requests: [RecordedRequest] { state.withLockedValue { $0.requests } }
    public var virtualMachines: [StandInVirtualMachine] {
        state.withLockedValue {
            $0.finishOverdueOperations()
            return $0.virtualMachines.values.sorted { $0.name < $1.name }
        }
    }
    public var networkInterfaces: [StandInNetworkInterface] {
        state.withLockedValue {
            $0.finishOverdueOperations()
            return $0.networkInterfaces.values.sorted { $0.name < $1.name }
        }
    }
    public var issuedTokens: [IssuedToken] { state.withLockedValue { $0.issuedTokens } }
    public var acceptedTokens: Set<String> { state.withLockedValue { $0.acceptedTokens } }

    /// Requests whose path contains `fragment` (case-insensitive), in order.
    public func requests(method: String? = nil, pathContaining fragment: String) -> [RecordedRequest] {
        requests.filter { ($0.method == method || method == nil) && $0.path.lowercased().contains(fragment.lowercased()) }
    }

    public func clearRequests() { state.withLockedValue { $0.requests.removeAll() } }

    // MARK: Behaviour

    /// The next `count` VM creates matching `zone` (`"1"`, `""` = regional, nil = any) and `sku` (nil = any) fail
    /// with `code`: synchronously (409 on the PUT) or, when `asynchronous`, in the long-running operation.
    public func injectVMCreateFailure(code: String, message: String, zone: String? = nil, sku: String? = nil,
                                      count: Int = 1, asynchronous: Bool = false) {
        state.withLockedValue {
            $0.vmFailures.append(InjectedVMFailure(code: code, message: message, zone: zone, sku: sku,
                                                   remaining: count, asynchronous: asynchronous))
        }
    }

    /// The next `count` ARM requests answer 429 with `Retry-After: retryAfter`.
    public func injectThrottling(count: Int, retryAfter: Int = 1) {
        state.withLockedValue {
            $0.throttlesLeft = count
            $0.throttleRetryAfter = retryAfter
        }
    }

    /// The next `count` ARM requests answer `status` with an ARM error body (e.g. 500 `InternalServerError`).
    public func injectARMFailure(status: Int, code: String, message: String, count: Int = 1) {
        state.withLockedValue { state in
            for _ in 0..<count { state.injectedFailures.append((status: status, code: code, message: message)) }
        }
    }

    /// Lets the token endpoint accept `secret` for `clientID`.
    public func registerClientSecret(clientID: String, secret: String) {
        state.withLockedValue { $0.clientSecrets[clientID] = secret }
    }

    /// Makes the token endpoint refuse every request with `reason` (nil: accept again).
    public func rejectTokenRequests(_ reason: String?) {
        state.withLockedValue { $0.rejectTokenRequests = reason }
    }

    public func setTokenLifetime(seconds: Int) { state.withLockedValue { $0.tokenLifetimeSeconds = seconds } }

    /// How many polls an operation answers `InProgress` before it finishes.
    public func setOperationPolls(_ polls: Int) { state.withLockedValue { $0.operationPolls = polls } }

    /// Operations finish `seconds` after they started even when nobody polls them (nil: only polls finish them).
    public func setOperationsFinishUnpolled(after seconds: TimeInterval?) {
        state.withLockedValue { $0.operationsFinishUnpolledAfter = seconds }
    }
    /// Long-running operation answers carry `Retry-After: seconds` (nil: no header, the poller's default interval).
    public func setOperationRetryAfter(_ seconds: Int?) { state.withLockedValue { $0.operationRetryAfter = seconds } }
    public func setLROStyle(_ style: LROStyle) { state.withLockedValue { $0.lroStyle = style } }

    public func setResourceGraphPageSize(_ size: Int) { state.withLockedValue { $0.resourceGraphPageSize = max(1, size) } }

    // MARK: Node images and subnets

    /// The AKS galleries' community public names.
    public static let ubuntuCommunityGallery = StandInState.ubuntuGallery
    public static let azureLinuxCommunityGallery = StandInState.azureLinuxGallery

    /// Replaces the versions of a community gallery image definition (`[]`: the definition
    /// exists with no versions). By default every non-FIPS AKS definition has `202505.20.0` and
    /// `202505.27.0` (published 2025-05-21 and 2025-05-28).
    public func setCommunityImageVersions(gallery: String, definition: String, _ versions: [StandInImageVersion]) {
        state.withLockedValue { $0.communityImages[StandInState.galleryKey(gallery, definition)] = versions }
    }

    /// Publishes one more version of a community gallery image definition.
    public func addCommunityImageVersion(gallery: String, definition: String, _ version: StandInImageVersion) {
        state.withLockedValue { $0.communityImages[StandInState.galleryKey(gallery, definition), default: []].append(version) }
    }

    /// The definition no longer exists: listing its versions answers 404.
    public func removeCommunityImageDefinition(gallery: String, definition: String) {
        state.withLockedValue { _ = $0.communityImages.removeValue(forKey: StandInState.galleryKey(gallery, definition)) }
    }

    /// Replaces the AKS nodeImageVersions list (default: `202505.27.0` of every AKS definition, plus a Windows image).
    public func setNodeImageVersions(_ entries: [StandInNodeImageVersion]) {
        state.withLockedValue { $0.nodeImageVersions = entries }
    }

    public func addNodeImageVersion(_ entry: StandInNodeImageVersion) {
        state.withLockedValue { $0.nodeImageVersions.append(entry) }
    }

    /// Page size of the community versions and nodeImageVersions lists (pages link with `nextLink`).
    public func setImageListPageSize(_ size: Int) { state.withLockedValue { $0.listPageSize = max(1, size) } }

    /// Makes GETs of subnet `id` answer 404 (every other well-formed subnet ID exists), or exist again.
    public func setSubnetMissing(_ id: String, _ missing: Bool = true) {
        state.withLockedValue { state in
            if missing { state.missingSubnets.insert(id.lowercased()) } else { state.missingSubnets.remove(id.lowercased()) }
        }
    }

    // MARK: Load balancers and network security groups

    /// The NSG every resource group holds unless changed: `aks-agentpool-12345678-nsg`.
    public static let defaultClusterNSGName = StandInState.defaultClusterNSGName

    /// Adds (or replaces) load balancer `name` in `resourceGroup` with NIC-based backend pools `pools`.
    public func seedLoadBalancer(resourceGroup: String, name: String, pools: [String]) {
        seedLoadBalancer(resourceGroup: resourceGroup, StandInLoadBalancer(name: name, pools: pools.map { StandInBackendPool(name: $0) }))
    }

    public func seedLoadBalancer(resourceGroup: String, _ loadBalancer: StandInLoadBalancer) {
        state.withLockedValue { state in
            var lbs = state.loadBalancers[resourceGroup.lowercased(), default: []]
            lbs.removeAll { $0.name.lowercased() == loadBalancer.name.lowercased() }
            lbs.append(loadBalancer)
            state.loadBalancers[resourceGroup.lowercased()] = lbs
        }
    }

    /// Deletes backend pool `pool` of load balancer `loadBalancer` (NIC PUTs referencing it then fail).
    public func removeBackendPool(resourceGroup: String, loadBalancer: String, pool: String) {
        state.withLockedValue { state in
            guard var lbs = state.loadBalancers[resourceGroup.lowercased()] else { return }
            for index in lbs.indices where lbs[index].name.lowercased() == loadBalancer.lowercased() {
                lbs[index].pools.removeAll { $0.name.lowercased() == pool.lowercased() }
            }
            state.loadBalancers[resourceGroup.lowercased()] = lbs
        }
    }

    /// Adds NSG `name` to `resourceGroup` (besides the default one).
    public func seedNetworkSecurityGroup(resourceGroup: String, name: String) {
        state.withLockedValue { state in
            if !state.networkSecurityGroups[resourceGroup.lowercased(), default: []].contains(name) {
                state.networkSecurityGroups[resourceGroup.lowercased(), default: []].append(name)
            }
        }
    }

    /// Replaces the NSG every resource group holds (nil: resource groups hold only seeded NSGs).
    public func setDefaultNetworkSecurityGroup(_ name: String?) {
        state.withLockedValue { $0.defaultNetworkSecurityGroup = name }
    }

    /// Puts a VM straight into the store (e.g. one launched before a controller restart, or one
    /// Karpenter does not own); `id`, `name`, `type` and `properties.provisioningState` are filled in when absent.
    public func seedVirtualMachine(subscription: String = "00000000-0000-0000-0000-000000000000", resourceGroup: String,
                                   name: String, resource: JSONValue) {
        var resource = resource
        let target = ResourceTarget(subscription: subscription, resourceGroup: resourceGroup, name: name)
        if resource["id"] == nil { resource["id"] = .string(target.id(namespace: "Microsoft.Compute", type: "virtualMachines")) }
        if resource["name"] == nil { resource["name"] = .string(name) }
        if resource["type"] == nil { resource["type"] = .string("Microsoft.Compute/virtualMachines") }
        if resource["properties"]?["provisioningState"] == nil { resource = StandInState.withProvisioningState(resource, "Succeeded") }
        let seeded = resource
        state.withLockedValue { state in
            state.virtualMachines[StandInState.key(resourceGroup, name)] = StandInVirtualMachine(
                name: name, resourceGroup: resourceGroup, location: seeded["location"]?.stringValue ?? "",
                size: seeded["properties"]?["hardwareProfile"]?["vmSize"]?.stringValue ?? "",
                zones: (seeded["zones"]?.arrayValue ?? []).compactMap(\.stringValue),
                priority: seeded["properties"]?["priority"]?.stringValue ?? "Regular",
                tags: StandInState.tags(of: seeded),
                provisioningState: seeded["properties"]?["provisioningState"]?.stringValue ?? "Succeeded",
                resource: seeded)
        }
    }
}
