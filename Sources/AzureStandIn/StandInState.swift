import Foundation
import KarpenterAPI

/// The ARM world the stand-in simulates: resources, pending operations, injected faults,
/// issued tokens and the request log. Guarded by the stand-in's lock; never touched concurrently.
struct StandInState {
    struct Operation {
        enum Effect {
            case createVM(resourceGroup: String, name: String)
            case createNIC(resourceGroup: String, name: String)
            case deleteVM(resourceGroup: String, name: String)
            case deleteNIC(resourceGroup: String, name: String)
        }
        var effect: Effect
        var pollsLeft: Int
        var failure: (code: String, message: String)?
        var finished = false
        var createdAt = Date()
    }

    var virtualMachines: [String: StandInVirtualMachine] = [:]
    var networkInterfaces: [String: StandInNetworkInterface] = [:]
    var operations: [String: Operation] = [:]
    var nextOperation = 0
    var vmFailures: [InjectedVMFailure] = []
    var throttlesLeft = 0
    var throttleRetryAfter = 1
    var injectedFailures: [(status: Int, code: String, message: String)] = []
    var requests: [RecordedRequest] = []
    var issuedTokens: [IssuedToken] = []
    var clientSecrets: [String: String] = [:]
    var tokenLifetimeSeconds = 3600
    var rejectTokenRequests: String?
    var operationPolls = 2
    /// Operations finish this long after they started even if nobody polls them, as Azure's do
    /// (a client that dies mid-operation does not stop the VM from being created); nil = only polls finish them.
    var operationsFinishUnpolledAfter: TimeInterval?
    /// `Retry-After` seconds on long-running operation answers (Compute sends it); nil = none.
    var operationRetryAfter: Int?
    var lroStyle: LROStyle = .azureAsyncOperation
    var resourceGraphPageSize = 1000
    /// Community gallery versions by `galleryKey(public name, definition)`; absent = 404.
    var communityImages: [String: [StandInImageVersion]] = StandInState.defaultCommunityImages()
    var nodeImageVersions: [StandInNodeImageVersion] = StandInState.defaultNodeImageVersions()
    /// Page size of the image lists (community versions, nodeImageVersions).
    var listPageSize = 100
    /// Subnet IDs (lower-cased) that answer 404; every other well-formed subnet exists.
    var missingSubnets: Set<String> = []
    /// Load balancers by lower-cased resource group.
    var loadBalancers: [String: [StandInLoadBalancer]] = [:]
    /// Seeded NSG names by lower-cased resource group (besides `defaultNetworkSecurityGroup`).
    var networkSecurityGroups: [String: [String]] = [:]
    /// The NSG every resource group holds (an AKS node RG's `aks-agentpool-<id>-nsg`); nil = none.
    var defaultNetworkSecurityGroup: String? = StandInState.defaultClusterNSGName

    static func key(_ resourceGroup: String, _ name: String) -> String {
        "\(resourceGroup.lowercased())/\(name.lowercased())"
    }

    mutating func newOperation(_ effect: Operation.Effect, polls: Int, failure: (String, String)? = nil) -> String {
        nextOperation += 1
        let id = String(format: "op-%05d", nextOperation)
        operations[id] = Operation(effect: effect, pollsLeft: polls, failure: failure.map { (code: $0.0, message: $0.1) })
        return id
    }

    /// Takes the first injected failure matching a VM create in `zone` (`""` = regional) of `sku`.
    mutating func takeVMFailure(zone: String, sku: String) -> InjectedVMFailure? {
        guard let index = vmFailures.firstIndex(where: { failure in
            (failure.zone == nil || failure.zone == zone) && (failure.sku == nil || failure.sku == sku)
        }) else { return nil }
        let failure = vmFailures[index]
        vmFailures[index].remaining -= 1
        if vmFailures[index].remaining <= 0 { vmFailures.remove(at: index) }
        return failure
    }

    var acceptedTokens: Set<String> { Set(issuedTokens.map(\.accessToken)) }
}
