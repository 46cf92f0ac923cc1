public struct PodDisruptionBudget: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodDisruptionBudgetSpec
    public var status: PodDisruptionBudgetStatus?

    public init(apiVersion: String? = "policy/v1", kind: String? = "PodDisruptionBudget", metadata: ObjectMeta = ObjectMeta(),
                spec: PodDisruptionBudgetSpec = PodDisruptionBudgetSpec(), status: PodDisruptionBudgetStatus? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct PodDisruptionBudgetSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var minAvailable: IntOrString?
    public var maxUnavailable: IntOrString?
    /// In policy/v1 an empty selector matches every pod in the namespace; absent matches none.
    public var selector: LabelSelector?
    public var unhealthyPodEvictionPolicy: String?

    public init() {}

    public init(minAvailable: IntOrString? = nil, maxUnavailable: IntOrString? = nil, selector: LabelSelector? = nil, unhealthyPodEvictionPolicy: String? = nil) {
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
        self.selector = selector
        self.unhealthyPodEvictionPolicy = unhealthyPodEvictionPolicy
    }
}

public struct PodDisruptionBudgetStatus: Codable, Hashable, Sendable {
    public var currentHealthy: Int?
    public var desiredHealthy: Int?
    public var disruptionsAllowed: Int?
    public var expectedPods: Int?
    public var observedGeneration: Int64?

    public init(currentHealthy: Int? = nil, desiredHealthy: Int? = nil, disruptionsAllowed: Int? = nil, expectedPods: Int? = nil, observedGeneration: Int64? = nil) {
        self.currentHealthy = currentHealthy
        self.desiredHealthy = desiredHealthy
        self.disruptionsAllowed = disruptionsAllowed
        self.expectedPods = expectedPods
        self.observedGeneration = observedGeneration
    }
}
