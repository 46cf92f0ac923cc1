import Foundation
import KarpenterAPI

/// `Microsoft.Network/networkInterfaces/{name}`: GET, PUT (long-running), DELETE (long-running).
extension StandInState {
    mutating func handleNetworkInterface(_ request: StandInRequest, target: ResourceTarget, baseURL: String) -> StandInResponse {
        let key = Self.key(target.resourceGroup, target.name)
        switch request.method {
        case "GET":
            guard let nic = networkInterfaces[key] else { return notFound("Microsoft.Network/networkInterfaces", target) }
            return .json(.ok, nic.resource)
        case "PUT":
            guard let body = request.json, let location = body["location"]?.stringValue,
                  body["properties"]?["ipConfigurations"]?.arrayValue?.isEmpty == false else {
                return .armError(.badRequest, code: "InvalidRequestFormat", message: "location and properties.ipConfigurations are required.")
            }
            let nicID = target.id(namespace: "Microsoft.Network", type: "networkInterfaces")
            if let invalid = invalidNICReference(body, nicID: nicID) { return invalid }
            var resource = body
            resource["id"] = .string(nicID)
            resource["name"] = .string(target.name)
            resource["type"] = .string("Microsoft.Network/networkInterfaces")
            resource = Self.withProvisioningState(resource, "Updating")
            networkInterfaces[key] = StandInNetworkInterface(name: target.name, resourceGroup: target.resourceGroup,
                                                             tags: Self.tags(of: body), provisioningState: "Updating", resource: resource)
            let id = newOperation(.createNIC(resourceGroup: target.resourceGroup, name: target.name), polls: operationPolls)
            return .json(.created, resource, headers: lroHeaders(id, namespace: "Microsoft.Network", location: location,
                                                                 target: target, baseURL: baseURL, isDelete: false))
        case "DELETE":
            guard let nic = networkInterfaces[key] else { return StandInResponse(status: .noContent) }
            let location = nic.resource["location"]?.stringValue ?? "eastus"
            let id = newOperation(.deleteNIC(resourceGroup: target.resourceGroup, name: target.name), polls: operationPolls)
            return StandInResponse(status: .accepted, headers: lroHeaders(id, namespace: "Microsoft.Network", location: location,
                                                                          target: target, baseURL: baseURL, isDelete: true))
        default:
            return .armError(.methodNotAllowed, code: "MethodNotAllowed", message: "\(request.method) is not supported.")
        }
    }
}
