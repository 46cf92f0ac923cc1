import Foundation
import XCTest
@testable import KarpenterAPI

final class KubernetesModelTests: XCTestCase {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    private func assertRoundTrips<T: Codable & Equatable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try JSONEncoder().encode(value)
        XCTAssertEqual(try JSONDecoder().decode(T.self, from: data), value, file: file, line: line)
    }

    static let podJSON = """
    {
      "apiVersion": "v1", "kind": "Pod",
      "metadata": {
        "name": "web-7d4b9c-x2x8z", "namespace": "shop", "uid": "3f1c1a52-1111-4c1e-9a55-4b1c2f1d0e01",
        "resourceVersion": "918273", "creationTimestamp": "2025-03-01T10:00:00Z",
        "labels": {"app": "web", "pod-template-hash": "7d4b9c"},
        "annotations": {"karpenter.sh/do-not-disrupt": "true"},
        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c",
                             "uid": "aa-bb", "controller": true, "blockOwnerDeletion": true}],
        "finalizers": ["example.com/keep"]
      },
      "spec": {
        "nodeSelector": {"kubernetes.io/os": "linux"},
        "affinity": {
          "nodeAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
              {"matchExpressions": [{"key": "karpenter.sh/capacity-type", "operator": "In", "values": ["spot", "on-demand"]}]}
            ]},
            "preferredDuringSchedulingIgnoredDuringExecution": [
              {"weight": 50, "preference": {"matchExpressions": [{"key": "karpenter.azure.com/sku-family", "operator": "In", "values": ["D"]}]}}
            ]
          },
          "podAntiAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": [
              {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname"}
            ],
            "preferredDuringSchedulingIgnoredDuringExecution": [
              {"weight": 10, "podAffinityTerm": {"labelSelector": {"matchExpressions": [{"key": "tier", "operator": "Exists"}]},
               "namespaces": ["shop"], "topologyKey": "topology.kubernetes.io/zone", "matchLabelKeys": ["pod-template-hash"]}}
            ]
          },
          "podAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": [
              {"labelSelector": {"matchLabels": {"app": "cache"}}, "namespaceSelector": {}, "topologyKey": "topology.kubernetes.io/zone"}
            ]
          }
        },
        "tolerations": [
          {"key": "kubernetes.azure.com/scalesetpriority", "operator": "Equal", "value": "spot", "effect": "NoSchedule"},
          {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
        ],
        "topologySpreadConstraints": [
          {"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule",
           "labelSelector": {"matchLabels": {"app": "web"}}, "minDomains": 3, "nodeAffinityPolicy": "Honor",
           "nodeTaintsPolicy": "Honor", "matchLabelKeys": ["pod-template-hash"]},
          {"maxSkew": 2, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "ScheduleAnyway",
           "labelSelector": {"matchLabels": {"app": "web"}}}
        ],
        "initContainers": [
          {"name": "log-shipper", "image": "fluent-bit:3", "restartPolicy": "Always",
           "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}}},
          {"name": "migrate", "image": "web:1.2", "resources": {"requests": {"cpu": "1"}}}
        ],
        "containers": [
          {"name": "web", "image": "web:1.2",
           "ports": [{"name": "http", "containerPort": 8080, "hostPort": 80, "protocol": "TCP", "hostIP": "10.0.0.1"}],
           "resources": {"requests": {"cpu": "500m", "memory": "1Gi"}, "limits": {"memory": 2147483648}}}
        ],
        "overhead": {"cpu": "250m"},
        "priority": 1000, "priorityClassName": "high", "preemptionPolicy": "PreemptLowerPriority",
        "schedulerName": "default-scheduler", "restartPolicy": "Always", "terminationGracePeriodSeconds": 45,
        "hostNetwork": false,
        "volumes": [
          {"name": "data", "persistentVolumeClaim": {"claimName": "web-data"}},
          {"name": "scratch", "ephemeral": {"volumeClaimTemplate": {"spec": {"storageClassName": "managed-csi",
             "accessModes": ["ReadWriteOnce"]}}}},
          {"name": "config", "configMap": {"name": "web-config"}}
        ]
      },
      "status": {
        "phase": "Pending", "nominatedNodeName": "", "startTime": "2025-03-01T10:00:01Z",
        "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                        "message": "0/3 nodes are available", "lastTransitionTime": "2025-03-01T10:00:01Z"}]
      }
    }
    """

    func testDecodesPodWithAffinityAndTopologySpread() throws {
        let pod = try decode(Pod.self, Self.podJSON)
        XCTAssertEqual(pod.metadata.name, "web-7d4b9c-x2x8z")
        XCTAssertEqual(pod.metadata.ownerReferences?.first?.kind, "ReplicaSet")
        XCTAssertEqual(pod.metadata.ownerReferences?.first?.controller, true)
        XCTAssertEqual(pod.spec.nodeSelector?["kubernetes.io/os"], "linux")

        let required = try XCTUnwrap(pod.spec.affinity?.nodeAffinity?.required)
        XCTAssertEqual(required.nodeSelectorTerms.first?.matchExpressions?.first?.operator, .in)
        XCTAssertEqual(required.nodeSelectorTerms.first?.matchExpressions?.first?.values, ["spot", "on-demand"])
        XCTAssertEqual(pod.spec.affinity?.nodeAffinity?.preferred.first?.weight, 50)
        XCTAssertEqual(pod.spec.affinity?.podAntiAffinity?.required.first?.topologyKey, "kubernetes.io/hostname")
        XCTAssertEqual(pod.spec.affinity?.podAntiAffinity?.preferred.first?.podAffinityTerm.matchLabelKeys, ["pod-template-hash"])
        XCTAssertEqual(pod.spec.affinity?.podAffinity?.required.first?.namespaceSelector, LabelSelector())

        let spread = try XCTUnwrap(pod.spec.topologySpreadConstraints)
        XCTAssertEqual(spread.count, 2)
        XCTAssertEqual(spread[0].minDomains, 3)
        XCTAssertEqual(spread[0].whenUnsatisfiable, .doNotSchedule)
        XCTAssertEqual(spread[0].effectiveNodeTaintsPolicy, .honor)
        XCTAssertEqual(spread[1].effectiveNodeAffinityPolicy, .honor)
        XCTAssertEqual(spread[1].effectiveNodeTaintsPolicy, .ignore)

        XCTAssertEqual(pod.spec.tolerations?[1].tolerationSeconds, 300)
        XCTAssertEqual(pod.spec.initContainers?.map(\.isSidecar), [true, false])
        let port = try XCTUnwrap(pod.spec.containers?.first?.ports?.first)
        XCTAssertEqual(port.hostPort, 80)
        XCTAssertEqual(port.hostIP, "10.0.0.1")
        XCTAssertEqual(pod.spec.containers?.first?.resources?.requests?["cpu"]?.description, "500m")
        XCTAssertNotNil(pod.spec.containers?.first?.resources?.limits?["memory"], "numeric quantities decode")
        XCTAssertEqual(pod.spec.overhead?["cpu"]?.description, "250m")
        XCTAssertEqual(pod.spec.priority, 1000)
        XCTAssertEqual(pod.spec.terminationGracePeriodSeconds, 45)
        XCTAssertEqual(pod.spec.volumes?.compactMap(\.persistentVolumeClaim?.claimName), ["web-data"])
        XCTAssertEqual(pod.spec.volumes?[1].ephemeral?.volumeClaimTemplate?.spec?.storageClassName, "managed-csi")
        XCTAssertEqual(pod.status?.phase, .pending)
        XCTAssertEqual(pod.status?.condition("PodScheduled")?.reason, "Unschedulable")
        try assertRoundTrips(pod)
    }

    func testPodWithoutMetadataOrSpecDecodesAsEmpty() throws {
        let pod = try decode(Pod.self, #"{"apiVersion": "v1", "kind": "Pod"}"#)
        XCTAssertEqual(pod.metadata, ObjectMeta())
        XCTAssertEqual(pod.spec, PodSpec())
        XCTAssertNil(pod.status)
    }

    func testDecodesNode() throws {
        let node = try decode(Node.self, """
        {"apiVersion": "v1", "kind": "Node",
         "metadata": {"name": "aks-default-abcde", "labels": {"karpenter.sh/nodepool": "default",
           "node.kubernetes.io/instance-type": "Standard_D4s_v5", "topology.kubernetes.io/zone": "westus2-1"},
           "finalizers": ["karpenter.sh/termination"]},
         "spec": {"providerID": "azure:///subscriptions/s/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachines/aks-default-abcde",
           "podCIDR": "10.244.3.0/24", "unschedulable": true,
           "taints": [{"key": "karpenter.sh/disrupted", "effect": "NoSchedule"},
                      {"key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "timeAdded": "2025-03-01T10:00:00Z"}]},
         "status": {"capacity": {"cpu": "4", "memory": "16393212Ki", "pods": "110"},
           "allocatable": {"cpu": "3860m", "memory": "12880124Ki", "pods": "110"},
           "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                           "lastHeartbeatTime": "2025-03-01T10:05:00Z", "lastTransitionTime": "2025-03-01T10:01:00Z"}],
           "nodeInfo": {"kubeletVersion": "v1.31.2", "osImage": "Ubuntu 22.04.5 LTS", "architecture": "amd64",
                        "operatingSystem": "linux", "containerRuntimeVersion": "containerd://1.7.22"}}}
        """)
        XCTAssertEqual(node.metadata.labels?["node.kubernetes.io/instance-type"], "Standard_D4s_v5")
        XCTAssertTrue(node.spec.providerID?.hasPrefix("azure:///") ?? false)
        XCTAssertEqual(node.spec.unschedulable, true)
        XCTAssertEqual(node.spec.taints?.map(\.effect), [.noSchedule, .noExecute])
        XCTAssertNil(node.spec.taints?.first?.value)
        XCTAssertEqual(node.status?.allocatable?["cpu"]?.description, "3860m")
        XCTAssertEqual(node.status?.condition("Ready")?.status, "True")
        XCTAssertEqual(node.status?.nodeInfo?.kubeletVersion, "v1.31.2")
        try assertRoundTrips(node)
    }

    func testDecodesDeploymentAndOtherWorkloads() throws {
        let deployment = try decode(Deployment.self, """
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop", "generation": 4},
         "spec": {"replicas": 6, "selector": {"matchLabels": {"app": "web"}},
          "strategy": {"type": "RollingUpdate"},
          "template": {"metadata": {"labels": {"app": "web"}},
                       "spec": {"containers": [{"name": "web", "image": "web:1.2", "resources": {"requests": {"cpu": "1"}}}]}}}}
        """)
        XCTAssertEqual(deployment.spec.replicas, 6)
        XCTAssertEqual(deployment.metadata.generation, 4)
        XCTAssertTrue(deployment.spec.selector?.matches(labels: ["app": "web", "x": "y"]) ?? false)
        XCTAssertEqual(deployment.spec.template.metadata.labels, ["app": "web"])
        XCTAssertEqual(deployment.spec.template.spec.containers?.first?.resources?.requests?["cpu"]?.description, "1")

        let job = try decode(Job.self, #"{"kind": "Job", "spec": {"parallelism": 3, "completions": 9, "template": {"spec": {"restartPolicy": "Never"}}}}"#)
        XCTAssertEqual(job.spec.parallelism, 3)
        XCTAssertEqual(job.spec.completions, 9)
        XCTAssertEqual(job.spec.template.spec.restartPolicy, "Never")
        let daemonSet = try decode(DaemonSet.self, #"{"kind": "DaemonSet", "metadata": {"name": "ds"}}"#)
        XCTAssertEqual(daemonSet.spec.template, PodTemplateSpec())
        let statefulSet = try decode(StatefulSet.self, #"{"spec": {"replicas": 3, "serviceName": "db"}}"#)
        XCTAssertEqual(statefulSet.spec.serviceName, "db")
    }

    func testDecodesPodDisruptionBudgetWithIntOrString() throws {
        let pdb = try decode(PodDisruptionBudget.self, """
        {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web", "namespace": "shop"},
         "spec": {"maxUnavailable": "25%", "selector": {"matchLabels": {"app": "web"}}},
         "status": {"currentHealthy": 6, "desiredHealthy": 5, "disruptionsAllowed": 1, "expectedPods": 6}}
        """)
        XCTAssertEqual(pdb.spec.maxUnavailable, .string("25%"))
        XCTAssertNil(pdb.spec.minAvailable)
        XCTAssertEqual(pdb.status?.disruptionsAllowed, 1)
        XCTAssertEqual(pdb.spec.maxUnavailable?.scaledValue(total: 6, roundUp: true), 2)
        XCTAssertEqual(pdb.spec.maxUnavailable?.scaledValue(total: 6, roundUp: false), 1)

        let minAvailable = try decode(PodDisruptionBudgetSpec.self, #"{"minAvailable": 2}"#)
        XCTAssertEqual(minAvailable.minAvailable, .int(2))
        XCTAssertEqual(IntOrString.int(2).scaledValue(total: 10, roundUp: true), 2)
        XCTAssertNil(IntOrString.string("3").scaledValue(total: 10, roundUp: true))
        XCTAssertEqual(try JSONValue.encode(IntOrString.string("10%")), .string("10%"))
        XCTAssertEqual(try JSONValue.encode(IntOrString.int(0)), .number("0"))
    }

    func testDecodesLeaseEventAndStatus() throws {
        let lease = try decode(Lease.self, """
        {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "karpenter-leader-election", "namespace": "kube-system"},
         "spec": {"holderIdentity": "karpenter-5f7c_1a2b", "leaseDurationSeconds": 15,
                  "acquireTime": "2025-03-01T10:00:00.000000Z", "renewTime": "2025-03-01T10:00:10.123456Z", "leaseTransitions": 7}}
        """)
        XCTAssertEqual(lease.spec.holderIdentity, "karpenter-5f7c_1a2b")
        XCTAssertEqual(lease.spec.leaseTransitions, 7)

        let event = try decode(Event.self, """
        {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "web.17f", "namespace": "shop"},
         "involvedObject": {"kind": "Pod", "namespace": "shop", "name": "web", "uid": "u1", "apiVersion": "v1"},
         "reason": "Nominated", "message": "Pod should schedule on: nodeclaim/default-x", "type": "Normal", "count": 2,
         "firstTimestamp": "2025-03-01T10:00:00Z", "lastTimestamp": "2025-03-01T10:00:05Z",
         "source": {"component": "karpenter"}, "reportingController": "karpenter"}
        """)
        XCTAssertEqual(event.involvedObject.kind, "Pod")
        XCTAssertEqual(event.count, 2)
        XCTAssertEqual(event.source?.component, "karpenter")

        let status = try decode(Status.self, """
        {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
         "message": "NodePool.karpenter.sh \\"x\\" is invalid: spec.weight: Invalid value: 0",
         "reason": "Invalid", "code": 422,
         "details": {"name": "x", "group": "karpenter.sh", "kind": "NodePool",
                     "causes": [{"reason": "FieldValueInvalid", "message": "Invalid value: 0", "field": "spec.weight"}]}}
        """)
        XCTAssertEqual(status.code, 422)
        XCTAssertEqual(status.details?.causes?.first?.field, "spec.weight")
        XCTAssertTrue(status.description.hasPrefix("422 Invalid"))
    }

    func testUnknownEnumValuesStillDecode() throws {
        let taint = try decode(Taint.self, #"{"key": "k", "effect": "Sometimes"}"#)
        XCTAssertEqual(taint.effect.rawValue, "Sometimes")
        XCTAssertFalse(taint.effect.isKnown)
        XCTAssertTrue(TaintEffect.noExecute.isKnown)
        XCTAssertEqual(try JSONValue.encode(taint)["effect"], .string("Sometimes"))
        let requirement = try decode(NodeSelectorRequirement.self, #"{"key": "k", "operator": "Near"}"#)
        XCTAssertFalse(requirement.operator.isKnown)
    }

    func testTolerationSemantics() {
        let spot = Taint(key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: .noSchedule)
        let bare = Taint(key: "dedicated", effect: .noExecute)
        let cases: [(String, Toleration, Taint, Bool)] = [
            ("empty key + Exists tolerates everything", Toleration(operator: .exists), spot, true),
            ("empty key + Exists tolerates a valueless taint", Toleration(operator: .exists), bare, true),
            ("Equal with matching value", Toleration(key: spot.key, operator: .equal, value: "spot", effect: .noSchedule), spot, true),
            ("Equal with other value", Toleration(key: spot.key, operator: .equal, value: "regular", effect: .noSchedule), spot, false),
            ("absent operator means Equal", Toleration(key: spot.key, value: "spot"), spot, true),
            ("absent operator, absent value vs valued taint", Toleration(key: spot.key), spot, false),
            ("Equal with absent value matches a valueless taint", Toleration(key: "dedicated", operator: .equal), bare, true),
            ("Equal with empty value matches a valueless taint", Toleration(key: "dedicated", operator: .equal, value: ""), bare, true),
            ("Exists ignores value", Toleration(key: spot.key, operator: .exists, value: "ignored"), spot, true),
            ("empty effect matches all effects", Toleration(key: "dedicated", operator: .exists), bare, true),
            ("explicit empty effect matches all effects", Toleration(key: "dedicated", operator: .exists, effect: ""), bare, true),
            ("different effect", Toleration(key: "dedicated", operator: .exists, effect: .noSchedule), bare, false),
            ("different key", Toleration(key: "other", operator: .exists), bare, false),
            ("empty key with Exists but wrong effect", Toleration(operator: .exists, effect: .preferNoSchedule), spot, false),
            ("unknown operator never tolerates", Toleration(key: spot.key, operator: "Near", value: "spot"), spot, false),
        ]
        for (name, toleration, taint, expected) in cases {
            XCTAssertEqual(toleration.tolerates(taint), expected, name)
        }
        XCTAssertTrue([Toleration(key: "a", operator: .exists), Toleration(operator: .exists, effect: .noExecute)].tolerate(bare))
        XCTAssertFalse([Toleration]().tolerate(bare))
    }

    func testLabelSelectorMatching() {
        let labels = ["app": "web", "tier": "front", "env": "prod"]
        let cases: [(String, LabelSelector, Bool)] = [
            ("empty selector matches everything", LabelSelector(), true),
            ("matchLabels all present", LabelSelector(matchLabels: ["app": "web", "env": "prod"]), true),
            ("matchLabels value differs", LabelSelector(matchLabels: ["app": "api"]), false),
            ("matchLabels key missing", LabelSelector(matchLabels: ["team": "a"]), false),
            ("In matches", LabelSelector(matchExpressions: [.init(key: "tier", operator: .in, values: ["front", "back"])]), true),
            ("In on missing key", LabelSelector(matchExpressions: [.init(key: "team", operator: .in, values: ["a"])]), false),
            ("NotIn with other value", LabelSelector(matchExpressions: [.init(key: "env", operator: .notIn, values: ["dev"])]), true),
            ("NotIn with same value", LabelSelector(matchExpressions: [.init(key: "env", operator: .notIn, values: ["prod"])]), false),
            ("NotIn on missing key matches", LabelSelector(matchExpressions: [.init(key: "team", operator: .notIn, values: ["a"])]), true),
            ("Exists", LabelSelector(matchExpressions: [.init(key: "app", operator: .exists)]), true),
            ("Exists on missing key", LabelSelector(matchExpressions: [.init(key: "team", operator: .exists)]), false),
            ("DoesNotExist on missing key", LabelSelector(matchExpressions: [.init(key: "team", operator: .doesNotExist)]), true),
            ("DoesNotExist on present key", LabelSelector(matchExpressions: [.init(key: "app", operator: .doesNotExist)]), false),
            ("labels and expressions are ANDed", LabelSelector(matchLabels: ["app": "web"],
                matchExpressions: [.init(key: "env", operator: .in, values: ["dev"])]), false),
            ("In without values is invalid", LabelSelector(matchExpressions: [.init(key: "app", operator: .in, values: [])]), false),
            ("Exists with values is invalid", LabelSelector(matchExpressions: [.init(key: "app", operator: .exists, values: ["web"])]), false),
            ("unknown operator is invalid", LabelSelector(matchExpressions: [.init(key: "app", operator: "Gt", values: ["1"])]), false),
        ]
        for (name, selector, expected) in cases {
            XCTAssertEqual(selector.matches(labels: labels), expected, name)
        }
        XCTAssertTrue(LabelSelector().matches(labels: [:]))
    }

    func testEncodesKubernetesFieldNames() throws {
        let toleration = try JSONValue.encode(Toleration(key: "k", operator: .exists, effect: .noSchedule))
        XCTAssertEqual(toleration["operator"], .string("Exists"))
        XCTAssertNil(toleration["value"], "absent optionals are omitted")
        let port = try JSONValue.encode(ContainerPort(containerPort: 53, hostPort: 53, protocol: "UDP"))
        XCTAssertEqual(port["protocol"], .string("UDP"))
        XCTAssertEqual(port["hostPort"], .number("53"))
    }
}
