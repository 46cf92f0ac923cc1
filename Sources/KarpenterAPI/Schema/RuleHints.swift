/// What to do when a CEL rule of our CRDs fails, keyed by the rule's message.
enum RuleHints {
    static func hint(for message: String) -> String? {
        if message.hasPrefix("label domain") || message.hasPrefix("label \"") {
            return "Karpenter and AKS set this label themselves; use your own label key, or one of the allowed well-known keys"
        }
        switch message {
        case "FIPS is not yet supported for Ubuntu2404":
            return "use imageFamily Ubuntu, Ubuntu2204 (with trusted launch) or AzureLinux for FIPS"
        case "TrustedLaunch is required for FIPS support with Ubuntu2204":
            return "set security.trustedLaunch.vtpm or secureBoot to true, or use imageFamily Ubuntu"
        case "TrustedLaunch with FIPSMode FIPS is only supported for Ubuntu and Ubuntu2204":
            return "use imageFamily Ubuntu or Ubuntu2204, or turn trusted launch off"
        case "kubelet.failSwapOn must be set to false when linuxOSConfig.swapFileSize is specified":
            return "add `kubelet: {failSwapOn: false}` or remove linuxOSConfig.swapFileSize"
        case "imageGCHighThresholdPercent must be greater than imageGCLowThresholdPercent":
            return "raise imageGCHighThresholdPercent above imageGCLowThresholdPercent"
        case "must contain required zones '.' and 'cluster.local'":
            return "add overrides for both the root zone '.' and 'cluster.local'"
        case "root zone '.' cannot be forwarded to ClusterCoreDNS from vnetDNSOverrides":
            return "forward '.' to VnetDNS in vnetDNSOverrides"
        case "external domains cannot be forwarded to ClusterCoreDNS from vnetDNSOverrides":
            return "forward external zones to VnetDNS in vnetDNSOverrides"
        case "'cluster.local' cannot be forwarded to VnetDNS":
            return "forward cluster.local zones to ClusterCoreDNS"
        case "serveStale Verify cannot be used with protocol ForceTCP":
            return "use serveStale Immediate or Disable, or protocol PreferUDP"
        case "spec is immutable":
            return "NodeClaims cannot be edited; delete it and let Karpenter create a new one"
        case "nodeClassRef.group is immutable", "nodeClassRef.kind is immutable":
            return "create a new NodePool that points at the other node class instead"
        case "Cannot transition NodePool between static (replicas set) and dynamic (replicas unset) provisioning modes":
            return "create a new NodePool for the other provisioning mode"
        case "only 'limits.nodes' is supported on static NodePools":
            return "keep only `limits.nodes`, or remove `replicas`"
        case "'weight' is not supported on static NodePools":
            return "remove `weight`, or remove `replicas`"
        case "'schedule' must be set with 'duration'":
            return "give every budget with a schedule a duration (such as 10m), or neither"
        case "requirements with operator 'In' must have a value defined":
            return "list at least one value, or use operator Exists"
        case "requirements with 'minValues' must have at least that many values specified in the 'values' field":
            return "list at least minValues values, or lower minValues"
        default:
            if message.contains("single positive integer value") {
                return "give exactly one non-negative integer value, such as [\"4\"]"
            }
            if message.hasPrefix("netIPv4IPLocalPortRange") {
                return "write two ports separated by one space, such as \"32768 60999\""
            }
            if message.hasPrefix("tags ") {
                return "Azure tag keys are at most 512 characters without < > % & ? or \\; values at most 256 characters"
            }
            if message.contains("may not be empty") {
                return "fill in the node class reference; for AKS it is group karpenter.azure.com, kind AKSNodeClass and the AKSNodeClass name"
            }
            return nil
        }
    }
}
