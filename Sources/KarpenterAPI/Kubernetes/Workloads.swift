// Workload controllers: only what is needed to find a pod's owner and its expected replicas.

public struct DeploymentSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var replicas: Int?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec

    public init() { template = PodTemplateSpec() }

    public init(replicas: Int? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec = PodTemplateSpec()) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
    }
}

public struct Deployment: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec

    public init(apiVersion: String? = "apps/v1", kind: String? = "Deployment", metadata: ObjectMeta = ObjectMeta(), spec: DeploymentSpec = DeploymentSpec()) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// Same spec shape as a Deployment.
public struct ReplicaSet: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec

    public init(apiVersion: String? = "apps/v1", kind: String? = "ReplicaSet", metadata: ObjectMeta = ObjectMeta(), spec: DeploymentSpec = DeploymentSpec()) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }
}

public struct StatefulSetSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var replicas: Int?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var serviceName: String?

    public init() { template = PodTemplateSpec() }

    public init(replicas: Int? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec = PodTemplateSpec(), serviceName: String? = nil) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.serviceName = serviceName
    }
}

public struct StatefulSet: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: StatefulSetSpec

    public init(apiVersion: String? = "apps/v1", kind: String? = "StatefulSet", metadata: ObjectMeta = ObjectMeta(), spec: StatefulSetSpec = StatefulSetSpec()) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }
}

public struct DaemonSetSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var selector: LabelSelector?
    public var template: PodTemplateSpec

    public init() { template = PodTemplateSpec() }

    public init(selector: LabelSelector? = nil, template: PodTemplateSpec = PodTemplateSpec()) {
        self.selector = selector
        self.template = template
    }
}

public struct DaemonSet: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DaemonSetSpec

    public init(apiVersion: String? = "apps/v1", kind: String? = "DaemonSet", metadata: ObjectMeta = ObjectMeta(), spec: DaemonSetSpec = DaemonSetSpec()) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }
}

public struct JobSpec: Codable, Hashable, Sendable, DecodesMissingAsEmpty {
    public var parallelism: Int?
    public var completions: Int?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec

    public init() { template = PodTemplateSpec() }

    public init(parallelism: Int? = nil, completions: Int? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec = PodTemplateSpec()) {
        self.parallelism = parallelism
        self.completions = completions
        self.selector = selector
        self.template = template
    }
}

public struct Job: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JobSpec

    public init(apiVersion: String? = "batch/v1", kind: String? = "Job", metadata: ObjectMeta = ObjectMeta(), spec: JobSpec = JobSpec()) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }
}
