/// Realistic manifests for benchmarks and tests: a mix of NodePools, AKSNodeClasses and
/// NodeClaims, about one in five of them invalid.
enum SampleManifests {
    static func manifest(_ index: Int) -> String {
        switch index % 5 {
        case 0: return nodePool(index, valid: true)
        case 1: return nodeClass(index, valid: true)
        case 2: return nodeClaim(index)
        case 3: return nodePool(index, valid: index % 2 == 0)
        default: return nodeClass(index, valid: false)
        }
    }

    static func nodePool(_ index: Int, valid: Bool) -> String {
        """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata:
          name: pool-\(index)
          labels:
            team: team-\(index % 7)
        spec:
          weight: \(valid ? 10 : 0)
          limits:
            cpu: "1000"
            memory: 1000Gi
          disruption:
            consolidationPolicy: WhenEmptyOrUnderutilized
            consolidateAfter: 1m
            budgets:
              - nodes: "10%"
              - nodes: "0"
                schedule: "0 9 * * mon-fri"
                duration: 8h
                reasons: [Underutilized]
          template:
            metadata:
              labels:
                workload: general
            spec:
              nodeClassRef:
                group: karpenter.azure.com
                kind: AKSNodeClass
                name: default
              expireAfter: 720h
              taints:
                - key: dedicated
                  value: general
                  effect: NoSchedule
              requirements:
                - key: kubernetes.io/arch
                  operator: In
                  values: [amd64]
                - key: karpenter.sh/capacity-type
                  operator: In
                  values: [spot, on-demand]
                - key: karpenter.azure.com/sku-family
                  operator: In
                  values: [D, E, F]
                - key: karpenter.azure.com/sku-cpu
                  operator: Lt
                  values: ["33"]
                - key: topology.kubernetes.io/zone
                  operator: In
                  values: [eastus-1, eastus-2, eastus-3]
        """
    }

    static func nodeClass(_ index: Int, valid: Bool) -> String {
        """
        apiVersion: karpenter.azure.com/v1beta1
        kind: AKSNodeClass
        metadata:
          name: class-\(index)
        spec:
          imageFamily: \(valid ? "AzureLinux" : "Ubuntu2404")
          osDiskSizeGB: 128
          fipsMode: \(valid ? "Disabled" : "FIPS")
          vnetSubnetID: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-\(index)/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes
          tags:
            team: team-\(index % 7)
          kubelet:
            imageGCHighThresholdPercent: 85
            imageGCLowThresholdPercent: 80
            containerLogMaxSize: 100Mi
          linuxOSConfig:
            sysctls:
              vmMaxMapCount: 262144
              netIPv4IPLocalPortRange: "32768 60999"
        """
    }

    static func nodeClaim(_ index: Int) -> String {
        """
        apiVersion: karpenter.sh/v1
        kind: NodeClaim
        metadata:
          name: claim-\(index)
        spec:
          nodeClassRef:
            group: karpenter.azure.com
            kind: AKSNodeClass
            name: default
          requirements:
            - key: karpenter.sh/nodepool
              operator: In
              values: [pool-\(index)]
            - key: node.kubernetes.io/instance-type
              operator: In
              values: [Standard_D4s_v5, Standard_D8s_v5]
          resources:
            requests:
              cpu: 3500m
              memory: 12Gi
        """
    }
}
