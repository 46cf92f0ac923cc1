import KarpenterAPI

/// The typical objects the benchmark sends, as AdmissionReview request bodies.
enum BenchObjects {
    static let nodePool = """
    {"apiVersion":"karpenter.sh/v1","kind":"NodePool","metadata":{"name":"general","labels":{"team":"platform"}},
     "spec":{"weight":10,"limits":{"cpu":"1000","memory":"1000Gi"},
      "disruption":{"consolidationPolicy":"WhenEmptyOrUnderutilized","consolidateAfter":"1m",
       "budgets":[{"nodes":"10%"},{"nodes":"0","schedule":"0 9 * * mon-fri","duration":"8h","reasons":["Underutilized"]}]},
      "template":{"metadata":{"labels":{"workload":"general"}},
       "spec":{"nodeClassRef":{"group":"karpenter.azure.com","kind":"AKSNodeClass","name":"default"},
        "taints":[{"key":"dedicated","value":"general","effect":"NoSchedule"}],
        "requirements":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]},
         {"key":"karpenter.sh/capacity-type","operator":"In","values":["spot","on-demand"]},
         {"key":"karpenter.azure.com/sku-family","operator":"In","values":["D","E","F"]},
         {"key":"karpenter.azure.com/sku-cpu","operator":"Lt","values":["33"]}]}}}}
    """

    static let nodeClass = """
    {"apiVersion":"karpenter.azure.com/v1beta1","kind":"AKSNodeClass","metadata":{"name":"default"},
     "spec":{"imageFamily":"AzureLinux","osDiskSizeGB":128,
      "vnetSubnetID":"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes",
      "tags":{"team":"platform"},
      "kubelet":{"imageGCHighThresholdPercent":85,"imageGCLowThresholdPercent":80,"containerLogMaxSize":"100Mi"}}}
    """

    static func review(object: String, kind: String, group: String, version: String, resource: String) -> [UInt8] {
        let text = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"bench-0001",
         "kind":{"group":"\(group)","version":"\(version)","kind":"\(kind)"},
         "resource":{"group":"\(group)","version":"\(version)","resource":"\(resource)"},
         "name":"bench","operation":"CREATE","userInfo":{"username":"bench"},"object":\(object),"dryRun":false}}
        """
        return Array(text.utf8)
    }

    static var cases: [(name: String, body: [UInt8])] {
        [
            ("NodePool", review(object: nodePool, kind: "NodePool", group: "karpenter.sh", version: "v1", resource: "nodepools")),
            ("AKSNodeClass", review(object: nodeClass, kind: "AKSNodeClass", group: "karpenter.azure.com", version: "v1beta1", resource: "aksnodeclasses")),
        ]
    }
}
