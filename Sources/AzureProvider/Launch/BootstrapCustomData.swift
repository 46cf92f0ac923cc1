import Foundation
import KarpenterAPI

/// The scriptless bootstrap's custom data (CLOUD.md §4): a node-bootstrap script carrying the
/// kubelet flags and node labels, cluster endpoint and TLS bootstrap token; base64 for `osProfile.customData`.
enum BootstrapCustomData {
    static func encoded(configuration: AzureConfiguration, nodeClaim: NodeClaim, labels: [String: String], maxPods: Int) -> String {
        Data(script(configuration: configuration, nodeClaim: nodeClaim, labels: labels, maxPods: maxPods).utf8).base64EncodedString()
    }

    static func script(configuration: AzureConfiguration, nodeClaim: NodeClaim, labels: [String: String], maxPods: Int) -> String {
        let nodeLabels = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let taints = ((nodeClaim.spec.taints ?? []) + (nodeClaim.spec.startupTaints ?? []))
            .map { "\($0.key)\($0.value.map { "=\($0)" } ?? ""):\($0.effect.rawValue)" } + ["karpenter.sh/unregistered:NoExecute"]
        let flags = [
            "--cloud-provider=external", "--max-pods=\(maxPods)", "--node-labels=\(nodeLabels)",
            "--register-with-taints=\(taints.joined(separator: ","))",
        ].joined(separator: " ")
        return """
        #!/bin/bash
        # AKS node bootstrap (scriptless) written by Karpenter for NodeClaim \(nodeClaim.metadata.name ?? "")
        set -euo pipefail
        KUBELET_FLAGS="\(flags)"
        KUBELET_NODE_LABELS="\(nodeLabels)"
        API_SERVER_NAME="\(configuration.clusterEndpoint)"
        TLS_BOOTSTRAP_TOKEN="\(configuration.kubeletBootstrapToken)"
        NETWORK_PLUGIN="\(configuration.networkPlugin)"
        NETWORK_PLUGIN_MODE="\(configuration.networkPluginMode)"
        KUBELET_CLIENT_ID="\(configuration.kubeletIdentityClientID ?? "")"
        /opt/azure/containers/provision_start.sh

        """
    }
}
