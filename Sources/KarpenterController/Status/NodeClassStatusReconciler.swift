import Foundation
import KarpenterAPI
import KarpenterAzure
import KarpenterCloud
import KubeClient
import Logging
import NIOConcurrencyHelpers

/// Keeps every AKSNodeClass's status (CLOUD.md §8, API.md AKSNodeClass status):
/// * `kubernetesVersion` / `KubernetesVersionReady`: the API server's version (cached 15 min);
///   an increase sets `ImagesReady=False` (`KubernetesUpgrade`) and resolves images afresh, a
///   decrease keeps the recorded version.
/// * `images` / `ImagesReady`: the cloud provider's resolution for the NodeClass's family, FIPS
///   mode, trusted launch and Kubernetes version, requirements sorted by key length then key;
///   False with `ImagesNotFound` or `SIGRequiredForFIPS`. Resolutions are cached per those inputs
///   and refreshed at most every `imageRefresh` (5 min); failed calls are retried after `failureRetry`.
/// * `SubnetsReady`: the provider's check that the subnet exists (`SubnetNotFound`, `SubnetIDInvalid`,
///   `SubnetUnknownError`), cached the same way.
/// * `ValidationSucceeded`, and `Ready` from all of them.
///
/// Without a cloud provider (`cloudProvider: nil`) images and subnets are reported as delegated
/// to the launch, as before.
struct NodeClassStatusReconciler: Sendable {
    struct Timing: Sendable {
        var imageRefresh: TimeInterval = 300
        var subnetRefresh: TimeInterval = 300
        var failureRetry: TimeInterval = 30
        var versionRefresh: TimeInterval = 900
        var now: @Sendable () -> Date = { Date() }
    }

    /// Why the API server's version is unknown.
    struct VersionError: Error, Sendable, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    let client: KubernetesClient
    let informers: ClusterInformers
    let writes: ObjectWrites
    let logger: Logger
    let cloudProvider: (any CloudProvider)?
    let timing: Timing
    let serverVersion: @Sendable () async -> Result<String, VersionError>
    private let memory = NIOLockedValueBox(Memory())

    /// - Parameter serverVersion: the API server's version without `v` (default: `/version` gitVersion).
    init(client: KubernetesClient, informers: ClusterInformers, writes: ObjectWrites, logger: Logger,
         cloudProvider: (any CloudProvider)? = nil, timing: Timing = Timing(),
         serverVersion: (@Sendable () async -> Result<String, VersionError>)? = nil) {
        self.client = client
        self.informers = informers
        self.writes = writes
        self.logger = logger
        self.cloudProvider = cloudProvider
        self.timing = timing
        self.serverVersion = serverVersion ?? { await Self.apiServerVersion(client) }
    }

    /// What was learned from the API server and the cloud, and when.
    private struct Memory {
        var version: (answer: Result<String, VersionError>, at: Date)?
        var images: [NodeImageInputs: Remembered<ImageResolution>] = [:]
        var subnets: [String: Remembered<SubnetValidation>] = [:]
    }

    private struct Remembered<Answer: Sendable>: Sendable {
        /// nil: the call failed with `failure`.
        var answer: Answer?
        var failure: String?
        var at: Date
    }

    func reconcileAll() async {
        let version = await kubernetesVersion()
        for nodeClass in await informers.nodeClasses.items() where !nodeClass.isDeleting {
            await reconcile(nodeClass, version: version)
        }
    }

    private func kubernetesVersion() async -> Result<String, VersionError> {
        let now = timing.now()
        if let cached = memory.withLockedValue({ $0.version }) {
            let ttl = (try? cached.answer.get()) == nil ? timing.failureRetry : timing.versionRefresh
            if now.timeIntervalSince(cached.at) < ttl { return cached.answer }
        }
        let answer = await serverVersion()
        memory.withLockedValue { $0.version = (answer, now) }
        return answer
    }

    static func apiServerVersion(_ client: KubernetesClient) async -> Result<String, VersionError> {
        do {
            let answer = try await client.serverVersion()
            let text = answer["gitVersion"]?.stringValue ?? ""
            let trimmed = text.hasPrefix("v") ? String(text.dropFirst()) : text
            return .success(String(trimmed.split(separator: "+").first ?? Substring(trimmed)))
        } catch {
            return .failure(VersionError("\(error)"))
        }
    }

    private func reconcile(_ nodeClass: JSONValue, version: Result<String, VersionError>) async {
        guard let typed = nodeClass.typed(AKSNodeClass.self) else { return }
        var conditions = ConditionSet(typed.status?.conditions, generation: typed.metadata.generation)
        let recorded = typed.status?.kubernetesVersion ?? ""
        var effective = recorded
        var upgradedFrom: String?
        switch version {
        case .success(let observed) where !observed.isEmpty:
            conditions.set(ConditionType.kubernetesVersionReady, .true, reason: "KubernetesVersionReady")
            if recorded.isEmpty {
                effective = observed
            } else if NodeImageFamilies.isNewer(observed, than: recorded) {
                effective = observed
                upgradedFrom = recorded
            } else if observed != recorded {
                logger.debug("the API server reports an older Kubernetes version; keeping the recorded one",
                             metadata: ["AKSNodeClass": "\(nodeClass.name)", "recorded": "\(recorded)", "observed": "\(observed)"])
            }
        case .success:
            conditions.set(ConditionType.kubernetesVersionReady, .false, reason: "KubernetesVersionUnknown",
                           message: "the API server reported no gitVersion")
        case .failure(let error):
            conditions.set(ConditionType.kubernetesVersionReady, .false, reason: "KubernetesVersionUnknown", message: error.description)
        }

        var images = typed.status?.images ?? []
        if let cloud = cloudProvider {
            if let upgradedFrom {
                conditions.set(ConditionType.imagesReady, .false, reason: "KubernetesUpgrade",
                               message: "Kubernetes was upgraded from \(upgradedFrom) to \(effective); resolving fresh images")
            }
            images = await updateImages(typed, kubernetesVersion: effective, images: images, conditions: &conditions, cloud: cloud)
            await updateSubnets(typed, conditions: &conditions, cloud: cloud)
        } else {
            conditions.set(ConditionType.imagesReady, .true, reason: "ImagesReady",
                           message: images.isEmpty ? "images are resolved by the cloud provider at launch" : nil)
            conditions.set(ConditionType.subnetsReady, .true, reason: "SubnetsReady",
                           message: "subnets are checked by the cloud provider at launch")
        }
        conditions.set(ConditionType.validationSucceeded, .true, reason: "ValidationSucceeded")
        conditions.setReady(dependents: [ConditionType.kubernetesVersionReady, ConditionType.imagesReady,
                                         ConditionType.subnetsReady, ConditionType.validationSucceeded])

        var status: [String: JSONValue] = ["conditions": JSONValue.of(conditions.conditions)]
        if !effective.isEmpty { status["kubernetesVersion"] = .string(effective) }
        if images != (typed.status?.images ?? []) { status["images"] = JSONValue.of(images) }
        let unchanged = effective == recorded && images == (typed.status?.images ?? [])
            && conditions.conditions.sameStates(as: typed.status?.conditions ?? [])
        if unchanged { return }
        do {
            _ = try await writes.patchStatus(.aksNodeClasses, nodeClass, status)
        } catch {
            logger.debug("updating aksnodeclass status failed", metadata: ["AKSNodeClass": "\(nodeClass.name)", "error": "\(error)"])
        }
    }

    /// Sets `ImagesReady` and answers the images to record.
    private func updateImages(_ nodeClass: AKSNodeClass, kubernetesVersion: String, images current: [NodeImage],
                              conditions: inout ConditionSet, cloud: any CloudProvider) async -> [NodeImage] {
        guard !kubernetesVersion.isEmpty else {
            if conditions.conditions.condition(ConditionType.imagesReady) == nil {
                conditions.set(ConditionType.imagesReady, .unknown, reason: "AwaitingKubernetesVersion",
                               message: "images are resolved once the Kubernetes version is known")
            }
            return current
        }
        let key = NodeImageInputs(nodeClass, kubernetesVersion: kubernetesVersion)
        let now = timing.now()
        var remembered: Remembered<ImageResolution>
        if let cached = memory.withLockedValue({ $0.images[key] }), isFresh(cached, now: now, refresh: timing.imageRefresh) {
            remembered = cached
        } else {
            remembered = Remembered(answer: nil, failure: nil, at: now)
            do {
                remembered.answer = try await cloud.resolveImages(for: nodeClass, kubernetesVersion: kubernetesVersion)
            } catch {
                remembered.failure = error.description
            }
            let fresh = remembered
            memory.withLockedValue { $0.images[key] = fresh }
        }
        switch remembered.answer {
        case .resolved(let images)? where !images.isEmpty:
            conditions.set(ConditionType.imagesReady, .true, reason: "ImagesReady")
            return images.map { NodeImage(id: $0.id, requirements: NodeImageFamilies.sortedRequirements($0.requirements)) }
        case .resolved?:
            conditions.set(ConditionType.imagesReady, .false, reason: ImageResolution.imagesNotFound,
                           message: "no images were found for Kubernetes \(kubernetesVersion)")
        case .unavailable(let reason, let message)?:
            conditions.set(ConditionType.imagesReady, .false, reason: reason, message: message)
        case nil:
            // A failed call: images already resolved stay usable; otherwise say why there are none.
            let existing = conditions.conditions.condition(ConditionType.imagesReady)
            logger.warning("resolving node images failed", metadata: ["AKSNodeClass": "\(nodeClass.metadata.name ?? "")",
                                                                     "error": "\(remembered.failure ?? "")"])
            if existing?.isTrue == true && !current.isEmpty { return current }
            if existing?.status == .false, existing?.reason == "KubernetesUpgrade" { return current }
            conditions.set(ConditionType.imagesReady, .false, reason: ImageResolution.imagesNotFound,
                           message: "resolving images failed: \(remembered.failure ?? "unknown error")")
        }
        return current
    }

    private func updateSubnets(_ nodeClass: AKSNodeClass, conditions: inout ConditionSet, cloud: any CloudProvider) async {
        let key = nodeClass.spec?.vnetSubnetID ?? ""
        let now = timing.now()
        var remembered: Remembered<SubnetValidation>
        if let cached = memory.withLockedValue({ $0.subnets[key] }), isFresh(cached, now: now, refresh: timing.subnetRefresh) {
            remembered = cached
        } else {
            remembered = Remembered(answer: nil, failure: nil, at: now)
            do {
                remembered.answer = try await cloud.validateSubnet(for: nodeClass)
            } catch {
                remembered.failure = error.description
            }
            let fresh = remembered
            memory.withLockedValue { $0.subnets[key] = fresh }
        }
        switch remembered.answer {
        case .valid?:
            conditions.set(ConditionType.subnetsReady, .true, reason: "SubnetsReady")
        case .invalid(let reason, let message)?:
            conditions.set(ConditionType.subnetsReady, .false, reason: reason, message: message)
        case nil:
            if conditions.isTrue(ConditionType.subnetsReady) { return }
            conditions.set(ConditionType.subnetsReady, .false, reason: "SubnetUnknownError",
                           message: "checking the subnet failed: \(remembered.failure ?? "unknown error")")
        }
    }

    /// Answers are reused for `refresh`, failures for `failureRetry`.
    private func isFresh<Answer>(_ remembered: Remembered<Answer>, now: Date, refresh: TimeInterval) -> Bool {
        now.timeIntervalSince(remembered.at) < (remembered.answer == nil ? timing.failureRetry : refresh)
    }
}
