import KarpenterAPI
import KarpenterScheduling

/// What `simulate` runs with no `-f`: one NodePool and AKSNodeClass, a web Deployment, a
/// zone-spread Deployment, a CPU-only batch Job, a log-agent DaemonSet, and a GPU pod that
/// this NodePool cannot serve, so a first run shows every part of the report.
enum BuiltInExample {
    static let name = "<built-in example>"

    static let manifests = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata:
      name: default
    spec:
      template:
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements:
            - {key: kubernetes.io/arch, operator: In, values: [amd64]}
            - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
            - {key: karpenter.azure.com/sku-family, operator: In, values: [D, E]}
      limits:
        cpu: "1000"
    ---
    apiVersion: karpenter.azure.com/v1beta1
    kind: AKSNodeClass
    metadata:
      name: default
    spec:
      imageFamily: Ubuntu2204
    ---
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: log-agent, namespace: kube-system}
    spec:
      selector: {matchLabels: {app: log-agent}}
      template:
        metadata: {labels: {app: log-agent}}
        spec:
          containers:
            - name: agent
              image: fluent/fluent-bit:3.0
              resources: {requests: {cpu: 100m, memory: 128Mi}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      replicas: 6
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - name: nginx
              image: nginx:1.27
              resources: {requests: {cpu: 500m, memory: 512Mi}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: checkout, namespace: shop}
    spec:
      replicas: 3
      selector: {matchLabels: {app: checkout}}
      template:
        metadata: {labels: {app: checkout}}
        spec:
          topologySpreadConstraints:
            - maxSkew: 1
              topologyKey: topology.kubernetes.io/zone
              whenUnsatisfiable: DoNotSchedule
              labelSelector: {matchLabels: {app: checkout}}
          containers:
            - name: checkout
              image: example.com/checkout:2.4
              resources: {requests: {cpu: "1", memory: 2Gi}}
    ---
    apiVersion: batch/v1
    kind: Job
    metadata: {name: nightly-report, namespace: batch}
    spec:
      parallelism: 4
      completions: 8
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: example.com/report:1.0
              resources: {requests: {cpu: "2", memory: 8Gi}}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: trainer, namespace: ml}
    spec:
      containers:
        - name: train
          image: example.com/trainer:0.9
          resources:
            requests: {cpu: "4", memory: 16Gi}
            limits: {nvidia.com/gpu: "1"}
    """

    static func files() -> [ManifestFile] {
        // The text is a constant of this program; a parse failure would be a bug caught by the tests.
        let documents = (try? ManifestParser.parse(text: manifests)) ?? []
        return [ManifestFile(name: name, documents: documents)]
    }
}
