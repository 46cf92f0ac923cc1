import KarpenterAPI
import KubeClient
import Logging

/// Keeps every AKSNodeClass's status as far as the controller can know it: the cluster's
/// Kubernetes version (`KubernetesVersionReady`), validation, and `Ready`. Images and subnets
/// are the cloud provider's to resolve at launch; they are reported as delegated to it.
struct NodeClassStatusReconciler: Sendable {
    let client: KubernetesClient
    let informers: ClusterInformers
    let writes: ObjectWrites
    let logger: Logger

    func reconcileAll() async {
        let version = await kubernetesVersion()
        for nodeClass in await informers.nodeClasses.items() where !nodeClass.isDeleting {
            await reconcile(nodeClass, version: version)
        }
    }

    private func kubernetesVersion() async -> Result<String, KubeClientError> {
        do {
            let answer = try await client.serverVersion()
            let text = answer["gitVersion"]?.stringValue ?? ""
            let trimmed = text.hasPrefix("v") ? String(text.dropFirst()) : text
            return .success(String(trimmed.split(separator: "+").first ?? Substring(trimmed)))
        } catch {
            return .failure(error)
        }
    }

    private func reconcile(_ nodeClass: JSONValue, version: Result<String, KubeClientError>) async {
        guard let typed = nodeClass.typed(AKSNodeClass.self) else { return }
        var conditions = ConditionSet(typed.status?.conditions, generation: typed.metadata.generation)
        var status: [String: JSONValue] = [:]
        switch version {
        case .success(let version) where !version.isEmpty:
            conditions.set(ConditionType.kubernetesVersionReady, .true, reason: "KubernetesVersionReady")
            status["kubernetesVersion"] = .string(version)
        case .success:
            conditions.set(ConditionType.kubernetesVersionReady, .false, reason: "KubernetesVersionUnknown",
                           message: "the API server reported no gitVersion")
        case .failure(let error):
            conditions.set(ConditionType.kubernetesVersionReady, .false, reason: "KubernetesVersionUnknown", message: "\(error)")
        }
        let hasImages = !(typed.status?.images ?? []).isEmpty
        conditions.set(ConditionType.imagesReady, .true, reason: "ImagesReady",
                       message: hasImages ? nil : "images are resolved by the cloud provider at launch")
        conditions.set(ConditionType.subnetsReady, .true, reason: "SubnetsReady",
                       message: "subnets are checked by the cloud provider at launch")
        conditions.set(ConditionType.validationSucceeded, .true, reason: "ValidationSucceeded")
        conditions.setReady(dependents: [ConditionType.kubernetesVersionReady, ConditionType.imagesReady,
                                         ConditionType.subnetsReady, ConditionType.validationSucceeded])
        let versionUnchanged = status["kubernetesVersion"]?.stringValue == typed.status?.kubernetesVersion
        if versionUnchanged && conditions.conditions.sameStates(as: typed.status?.conditions ?? []) { return }
        status["conditions"] = JSONValue.of(conditions.conditions)
        do {
            _ = try await writes.patchStatus(.aksNodeClasses, nodeClass, status)
        } catch {
            logger.debug("updating aksnodeclass status failed", metadata: ["AKSNodeClass": "\(nodeClass.name)", "error": "\(error)"])
        }
    }
}
