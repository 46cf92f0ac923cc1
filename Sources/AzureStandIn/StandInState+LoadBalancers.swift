import Foundation
import KarpenterAPI

/// Load balancers and network security groups of a resource group:
/// * `GET /subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/loadBalancers`
/// * `GET /subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/networkSecurityGroups`
///
/// Lists page by `listPageSize` (absolute `nextLink` with `$skiptoken`), as the image lists do.
/// Every resource group holds the NSG `defaultNetworkSecurityGroup` (like an AKS node resource
/// group) unless it is cleared; no resource group has load balancers until seeded.
extension StandInState {
    static let defaultClusterNSGName = "aks-agentpool-12345678-nsg"

    mutating func listLoadBalancers(_ request: StandInRequest, subscription: String, resourceGroup: String, baseURL: String) -> StandInResponse {
        guard request.method == "GET" else {
            return .armError(.methodNotAllowed, code: "MethodNotAllowed", message: "\(request.method) is not supported.")
        }
        let location = "eastus"
        let values: [JSONValue] = (loadBalancers[resourceGroup.lowercased()] ?? []).map { lb in
            let lbID = "/subscriptions/\(subscription)/resourceGroups/\(resourceGroup)/providers/Microsoft.Network/loadBalancers/\(lb.name)"
            let pools: [JSONValue] = lb.pools.map { pool in
                let addresses: [JSONValue] = pool.ipAddresses.enumerated().map { index, address in
                    .object([
                        "name": .string("address-\(index)"),
                        "properties": .object(["ipAddress": .string(address)]),
                    ])
                }
                return .object([
                    "name": .string(pool.name),
                    "id": .string("\(lbID)/backendAddressPools/\(pool.name)"),
                    "etag": .string("W/\"00000000-0000-0000-0000-000000000002\""),
                    "type": .string("Microsoft.Network/loadBalancers/backendAddressPools"),
                    "properties": .object([
                        "provisioningState": .string("Succeeded"),
                        "loadBalancerBackendAddresses": .array(addresses),
                    ]),
                ])
            }
            return .object([
                "name": .string(lb.name), "id": .string(lbID),
                "etag": .string("W/\"00000000-0000-0000-0000-000000000003\""),
                "type": .string("Microsoft.Network/loadBalancers"), "location": .string(location),
                "sku": .object(["name": .string("Standard"), "tier": .string("Regional")]),
                "properties": .object([
                    "provisioningState": .string("Succeeded"),
                    "frontendIPConfigurations": .array([]),
                    "backendAddressPools": .array(pools),
                    "loadBalancingRules": .array([]), "probes": .array([]), "outboundRules": .array([]),
                ]),
            ])
        }
        return page(values, request: request, baseURL: baseURL)
    }

    mutating func listNetworkSecurityGroups(_ request: StandInRequest, subscription: String, resourceGroup: String,
                                            baseURL: String) -> StandInResponse {
        guard request.method == "GET" else {
            return .armError(.methodNotAllowed, code: "MethodNotAllowed", message: "\(request.method) is not supported.")
        }
        let values: [JSONValue] = networkSecurityGroupNames(in: resourceGroup).map { name in
            .object([
                "name": .string(name),
                "id": .string("/subscriptions/\(subscription)/resourceGroups/\(resourceGroup)/providers/Microsoft.Network/networkSecurityGroups/\(name)"),
                "etag": .string("W/\"00000000-0000-0000-0000-000000000004\""),
                "type": .string("Microsoft.Network/networkSecurityGroups"), "location": .string("eastus"),
                "properties": .object([
                    "provisioningState": .string("Succeeded"), "resourceGuid": .string("00000000-0000-0000-0000-000000000005"),
                    "securityRules": .array([]), "defaultSecurityRules": .array([]),
                ]),
            ])
        }
        return page(values, request: request, baseURL: baseURL)
    }

    func networkSecurityGroupNames(in resourceGroup: String) -> [String] {
        var names = networkSecurityGroups[resourceGroup.lowercased()] ?? []
        if let fallback = defaultNetworkSecurityGroup, !names.contains(where: { $0.lowercased() == fallback.lowercased() }) {
            names.insert(fallback, at: 0)
        }
        return names
    }

    /// The `InvalidResourceReference` ARM answers a NIC PUT with when an ipconfig references a
    /// backend pool or the NIC an NSG that does not exist (HTTP 400).
    func invalidNICReference(_ body: JSONValue, nicID: String) -> StandInResponse? {
        var referenced: [String] = []
        for ipConfiguration in body["properties"]?["ipConfigurations"]?.arrayValue ?? [] {
            for pool in ipConfiguration["properties"]?["loadBalancerBackendAddressPools"]?.arrayValue ?? [] {
                referenced.append(pool["id"]?.stringValue ?? "")
            }
        }
        for id in referenced where !backendPoolExists(id) {
            return Self.invalidReference(id, nicID: nicID)
        }
        if let nsg = body["properties"]?["networkSecurityGroup"]?["id"]?.stringValue {
            let parts = nsg.split(separator: "/").map(String.init)
            let exists = parts.count == 8 && parts[6].lowercased() == "networksecuritygroups"
                && networkSecurityGroupNames(in: parts[3]).contains { $0.lowercased() == parts[7].lowercased() }
            if !exists { return Self.invalidReference(nsg, nicID: nicID) }
        }
        return nil
    }

    private func backendPoolExists(_ id: String) -> Bool {
        // /subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/loadBalancers/{lb}/backendAddressPools/{pool}
        let parts = id.split(separator: "/").map { $0.lowercased() }
        guard parts.count == 10, parts[6] == "loadbalancers", parts[8] == "backendaddresspools" else { return false }
        return (loadBalancers[parts[3]] ?? []).contains { lb in
            lb.name.lowercased() == parts[7] && lb.pools.contains { $0.name.lowercased() == parts[9] }
        }
    }

    private static func invalidReference(_ id: String, nicID: String) -> StandInResponse {
        .armError(.badRequest, code: "InvalidResourceReference",
                  message: "Resource \(id) referenced by resource \(nicID) was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.")
    }
}
