import Foundation
import KarpenterAPI

/// `Microsoft.Compute/virtualMachines/{name}`: GET, PUT (long-running), DELETE (long-running).
extension StandInState {
    mutating func handleVirtualMachine(_ request: StandInRequest, target: ResourceTarget, baseURL: String) -> StandInResponse {
        let key = Self.key(target.resourceGroup, target.name)
        switch request.method {
        case "GET":
            guard let vm = virtualMachines[key] else { return notFound("Microsoft.Compute/virtualMachines", target) }
            return .json(.ok, vm.resource)
        case "PUT":
            return createVirtualMachine(request, target: target, baseURL: baseURL)
        case "DELETE":
            guard var vm = virtualMachines[key] else { return StandInResponse(status: .noContent) }
            vm.provisioningState = "Deleting"
            vm.resource = Self.withProvisioningState(vm.resource, "Deleting")
            virtualMachines[key] = vm
            let id = newOperation(.deleteVM(resourceGroup: target.resourceGroup, name: target.name), polls: operationPolls)
            return StandInResponse(status: .accepted, headers: lroHeaders(id, namespace: "Microsoft.Compute", location: vm.location,
                                                                          target: target, baseURL: baseURL, isDelete: true))
        default:
            return .armError(.methodNotAllowed, code: "MethodNotAllowed", message: "\(request.method) is not supported.")
        }
    }

    private mutating func createVirtualMachine(_ request: StandInRequest, target: ResourceTarget, baseURL: String) -> StandInResponse {
        guard let body = request.json, let location = body["location"]?.stringValue,
              let size = body["properties"]?["hardwareProfile"]?["vmSize"]?.stringValue else {
            return .armError(.badRequest, code: "InvalidRequestContent", message: "The request content was invalid: location and properties.hardwareProfile.vmSize are required.")
        }
        let key = Self.key(target.resourceGroup, target.name)
        if virtualMachines[key] != nil {
            return .armError(.conflict, code: "OperationNotAllowed", message: "The stand-in does not update existing VMs.")
        }
        for nicID in (body["properties"]?["networkProfile"]?["networkInterfaces"]?.arrayValue ?? []).compactMap({ $0["id"]?.stringValue }) {
            let nicName = nicID.split(separator: "/").last.map(String.init) ?? ""
            if networkInterfaces[Self.key(target.resourceGroup, nicName)] == nil {
                return .armError(.badRequest, code: "NetworkInterfaceNotFound", message: "Network interface \(nicID) was not found.")
            }
        }
        let zones = (body["zones"]?.arrayValue ?? []).compactMap(\.stringValue)
        let failure = takeVMFailure(zone: zones.first ?? "", sku: size)
        if let failure, !failure.asynchronous {
            return .armError(.conflict, code: failure.code, message: failure.message)
        }
        var resource = body
        resource["id"] = .string(target.id(namespace: "Microsoft.Compute", type: "virtualMachines"))
        resource["name"] = .string(target.name)
        resource["type"] = .string("Microsoft.Compute/virtualMachines")
        var properties = resource["properties"] ?? .object([:])
        properties["vmId"] = .string(UUID().uuidString.lowercased())
        properties["timeCreated"] = .string(Self.timestamp(Date()))
        resource["properties"] = properties
        resource = Self.withProvisioningState(resource, "Creating")
        virtualMachines[key] = StandInVirtualMachine(
            name: target.name, resourceGroup: target.resourceGroup, location: location, size: size, zones: zones,
            priority: body["properties"]?["priority"]?.stringValue ?? "Regular", tags: Self.tags(of: body),
            provisioningState: "Creating", resource: resource)
        let id = newOperation(.createVM(resourceGroup: target.resourceGroup, name: target.name), polls: operationPolls,
                              failure: failure.map { ($0.code, $0.message) })
        return .json(.created, resource, headers: lroHeaders(id, namespace: "Microsoft.Compute", location: location,
                                                             target: target, baseURL: baseURL, isDelete: false))
    }

    func notFound(_ type: String, _ target: ResourceTarget) -> StandInResponse {
        .armError(.notFound, code: "ResourceNotFound",
                  message: "The Resource '\(type)/\(target.name)' under resource group '\(target.resourceGroup)' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix")
    }

    /// `Azure-AsyncOperation` and/or `Location`, as `lroStyle` says.
    func lroHeaders(_ id: String, namespace: String, location: String, target: ResourceTarget, baseURL: String,
                    isDelete: Bool) -> [(String, String)] {
        let prefix = "\(baseURL)/subscriptions/\(target.subscription)/providers/\(namespace)/locations/\(location)"
        let apiVersion = namespace == "Microsoft.Compute" ? "2025-04-01" : "2022-07-01"
        let asyncOperation = ("Azure-AsyncOperation", "\(prefix)/operations/\(id)?api-version=\(apiVersion)")
        let locationHeader = ("Location", "\(prefix)/operationResults/\(id)?api-version=\(apiVersion)")
        var headers: [(String, String)]
        switch lroStyle {
        case .azureAsyncOperation: headers = isDelete ? [asyncOperation, locationHeader] : [asyncOperation]
        case .location: headers = [locationHeader]
        }
        return headers + retryAfterHeader
    }

    var retryAfterHeader: [(String, String)] {
        operationRetryAfter.map { [("Retry-After", String($0))] } ?? []
    }

    static func withProvisioningState(_ resource: JSONValue, _ state: String) -> JSONValue {
        var resource = resource
        var properties = resource["properties"] ?? .object([:])
        properties["provisioningState"] = .string(state)
        resource["properties"] = properties
        return resource
    }

    static func tags(of body: JSONValue) -> [String: String] {
        var tags: [String: String] = [:]
        for (name, value) in body["tags"]?.objectValue ?? [:] { tags[name] = value.stringValue ?? "" }
        return tags
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
