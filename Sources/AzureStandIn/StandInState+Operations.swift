import Foundation
import KarpenterAPI

/// Long-running operations: `InProgress` for `operationPolls` polls, then the effect is applied
/// and the operation reports `Succeeded` or `Failed` with the injected error.
extension StandInState {
    mutating func pollAsyncOperation(id: String, selfURL: String) -> StandInResponse {
        guard let operation = advance(id) else {
            return .armError(.notFound, code: "NotFound", message: "Operation \(id) was not found.")
        }
        guard operation.finished else {
            return .json(.ok, .object(["name": .string(id), "status": .string("InProgress")]), headers: retryAfterHeader)
        }
        if let failure = operation.failure {
            return .json(.ok, .object([
                "name": .string(id), "status": .string("Failed"),
                "error": .object(["code": .string(failure.code), "message": .string(failure.message)]),
            ]))
        }
        return .json(.ok, .object(["name": .string(id), "status": .string("Succeeded")]))
    }

    mutating func pollOperationResult(id: String, selfURL: String) -> StandInResponse {
        guard let operation = advance(id) else {
            return .armError(.notFound, code: "NotFound", message: "Operation \(id) was not found.")
        }
        guard operation.finished else { return StandInResponse(status: .accepted, headers: [("Location", selfURL)] + retryAfterHeader) }
        if let failure = operation.failure { return .armError(.conflict, code: failure.code, message: failure.message) }
        switch operation.effect {
        case .createVM(let group, let name):
            return virtualMachines[Self.key(group, name)].map { .json(.ok, $0.resource) } ?? StandInResponse(status: .noContent)
        case .createNIC(let group, let name):
            return networkInterfaces[Self.key(group, name)].map { .json(.ok, $0.resource) } ?? StandInResponse(status: .noContent)
        case .deleteVM, .deleteNIC:
            return StandInResponse(status: .noContent)
        }
    }

    /// Finishes the operations older than `operationsFinishUnpolledAfter`, whether polled or not.
    mutating func finishOverdueOperations(now: Date = Date()) {
        guard let lifetime = operationsFinishUnpolledAfter else { return }
        for (id, operation) in operations where !operation.finished && now.timeIntervalSince(operation.createdAt) >= lifetime {
            operations[id]?.finished = true
            apply(operation)
        }
    }

    /// Counts one poll; on the poll that finishes the operation, applies its effect once.
    private mutating func advance(_ id: String) -> Operation? {
        guard var operation = operations[id] else { return nil }
        if operation.finished { return operation }
        if operation.pollsLeft > 0 {
            operation.pollsLeft -= 1
            operations[id] = operation
            return operation
        }
        operation.finished = true
        operations[id] = operation
        apply(operation)
        return operation
    }

    private mutating func apply(_ operation: Operation) {
        switch operation.effect {
        case .createVM(let group, let name):
            let key = Self.key(group, name)
            guard var vm = virtualMachines[key] else { return }
            vm.provisioningState = operation.failure == nil ? "Succeeded" : "Failed"
            vm.resource = Self.withProvisioningState(vm.resource, vm.provisioningState)
            virtualMachines[key] = vm
        case .createNIC(let group, let name):
            let key = Self.key(group, name)
            guard var nic = networkInterfaces[key] else { return }
            nic.provisioningState = "Succeeded"
            nic.resource = Self.withProvisioningState(nic.resource, "Succeeded")
            networkInterfaces[key] = nic
        case .deleteVM(let group, let name):
            guard let vm = virtualMachines.removeValue(forKey: Self.key(group, name)) else { return }
            // NICs attached with deleteOption Delete go with the VM.
            for reference in vm.resource["properties"]?["networkProfile"]?["networkInterfaces"]?.arrayValue ?? []
            where reference["properties"]?["deleteOption"]?.stringValue == "Delete" {
                if let nicName = reference["id"]?.stringValue?.split(separator: "/").last {
                    networkInterfaces.removeValue(forKey: Self.key(group, String(nicName)))
                }
            }
        case .deleteNIC(let group, let name):
            networkInterfaces.removeValue(forKey: Self.key(group, name))
        }
    }
}
