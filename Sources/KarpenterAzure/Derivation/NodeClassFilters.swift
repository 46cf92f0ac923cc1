/// Per-AKSNodeClass filters applied when listing instance types (INSTANCETYPES.md §5).
public enum NodeClassFilter: String, Sendable, Hashable, CaseIterable {
    case imageFamilyGPU = "image-family-gpu"
    case encryptionAtHost = "encryption-at-host"
    case localDNS = "local-dns"
    case gpuDriverMode = "gpu-driver-mode"
    case artifactStreaming = "artifact-streaming"
    case trustedLaunch = "trusted-launch"

    /// The filters that reject `facts` for `nodeClass`; empty when it is kept.
    public static func rejections(_ facts: AzureSKUFacts, _ nodeClass: AzureNodeClassParameters) -> [NodeClassFilter] {
        var rejected: [NodeClassFilter] = []
        if let gpu = facts.gpu, gpu.operatingSystems.isDisjoint(with: nodeClass.gpuOperatingSystems) {
            rejected.append(.imageFamilyGPU)
        }
        if nodeClass.encryptionAtHost && !facts.encryptionAtHostSupported { rejected.append(.encryptionAtHost) }
        if nodeClass.localDNSEnabled && (facts.vCPUs < 4 || facts.memoryMiB < 244) { rejected.append(.localDNS) }
        if nodeClass.gpuMode == .driver, let gpu = facts.gpu, gpu.vendor != .nvidia { rejected.append(.gpuDriverMode) }
        if nodeClass.artifactStreamingEnabled && facts.architecture == "arm64" { rejected.append(.artifactStreaming) }
        if nodeClass.trustedLaunch && !facts.trustedLaunchSupported { rejected.append(.trustedLaunch) }
        return rejected
    }
}
