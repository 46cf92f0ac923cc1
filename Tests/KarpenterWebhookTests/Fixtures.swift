import KarpenterAPI

/// Objects the end-to-end tests send; each one's verdict is also checked against the core.
enum Fixtures {
    static let nodePool = Reviews.object("""
    {"apiVersion":"karpenter.sh/v1","kind":"NodePool","metadata":{"name":"default","annotations":{"example.com/owner":"platform"}},
     "spec":{"template":{"spec":{"nodeClassRef":{"group":"karpenter.azure.com","kind":"AKSNodeClass","name":"default"},
      "requirements":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]},
                      {"key":"karpenter.sh/capacity-type","operator":"In","values":["on-demand"]}]}},
      "limits":{"cpu":"100"}}}
    """)

    static let invalidNodePool = Reviews.object("""
    {"apiVersion":"karpenter.sh/v1","kind":"NodePool","metadata":{"name":"broken"},
     "spec":{"weight":0,"template":{"spec":{"nodeClassRef":{"group":"karpenter.azure.com","kind":"AKSNodeClass","name":"default"},
      "requirements":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]}]}}}}
    """)

    static let nodeClass = Reviews.object("""
    {"apiVersion":"karpenter.azure.com/v1beta1","kind":"AKSNodeClass","metadata":{"name":"default"},
     "spec":{"imageFamily":"AzureLinux","tags":{"team":"platform"}}}
    """)

    static let invalidNodeClass = Reviews.object("""
    {"apiVersion":"karpenter.azure.com/v1alpha2","kind":"AKSNodeClass","metadata":{"name":"fips"},
     "spec":{"imageFamily":"Ubuntu2404","fipsMode":"FIPS","kubelet":{"imageGCHighThresholdPercent":50,"imageGCLowThresholdPercent":60}}}
    """)

    static let nodeClaim = Reviews.object("""
    {"apiVersion":"karpenter.sh/v1","kind":"NodeClaim","metadata":{"name":"claim-1"},
     "spec":{"nodeClassRef":{"group":"karpenter.azure.com","kind":"AKSNodeClass","name":"default"},
      "requirements":[{"key":"node.kubernetes.io/instance-type","operator":"In","values":["Standard_D4s_v5"]}]}}
    """)

    static let v1beta1NodePool = Reviews.object("""
    {"apiVersion":"karpenter.sh/v1beta1","kind":"NodePool","metadata":{"name":"legacy"},
     "spec":{"disruption":{"consolidationPolicy":"WhenUnderutilized","expireAfter":"168h"},
      "template":{"spec":{"nodeClassRef":{"name":"default"},
       "requirements":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]}]}}}}
    """)

    /// A NodeClaim as v1beta1 Karpenter wrote it: kubelet block, apiVersion reference, severity.
    static let v1beta1NodeClaim = Reviews.object("""
    {"apiVersion":"karpenter.sh/v1beta1","kind":"NodeClaim","metadata":{"name":"legacy-x7k2p","labels":{"karpenter.sh/nodepool":"legacy"}},
     "spec":{"nodeClassRef":{"apiVersion":"karpenter.azure.com/v1alpha2","kind":"AKSNodeClass","name":"default"},
      "requirements":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]}],
      "kubelet":{"maxPods":50,"clusterDNS":["10.0.0.10"]}},
     "status":{"conditions":[{"type":"Launched","status":"True","severity":"Info","lastTransitionTime":"2024-05-01T10:00:00Z"}]}}
    """)

    /// A stored v1 NodeClaim with the fields v1beta1 lacks.
    static let v1NodeClaim = Reviews.object("""
    {"apiVersion":"karpenter.sh/v1","kind":"NodeClaim","metadata":{"name":"claim-2","annotations":{"example.com/owner":"platform"}},
     "spec":{"nodeClassRef":{"group":"karpenter.azure.com","kind":"AKSNodeClass","name":"default"},
      "requirements":[{"key":"node.kubernetes.io/instance-type","operator":"In","values":["Standard_D4s_v5"]}],
      "expireAfter":"336h","terminationGracePeriod":"30m"}}
    """)

    static let configMap = Reviews.object("""
    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other","namespace":"default"},"data":{"a":"b"}}
    """)

    /// `nodePool` with its nodeClassRef kind changed: an update the transition rule forbids.
    static var nodePoolWithOtherClassKind: JSONValue {
        var changed = nodePool
        changed["spec"]?["template"]?["spec"]?["nodeClassRef"]?["kind"] = .string("OtherNodeClass")
        return changed
    }

    /// A NodeClaim whose spec changed: NodeClaim specs are immutable.
    static var nodeClaimResized: JSONValue {
        var changed = nodeClaim
        changed["spec"]?["requirements"] = .array([Reviews.object(#"{"key":"node.kubernetes.io/instance-type","operator":"In","values":["Standard_D8s_v5"]}"#)])
        return changed
    }
}
