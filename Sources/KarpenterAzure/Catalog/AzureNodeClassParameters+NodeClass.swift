import KarpenterAPI

extension AzureNodeClassParameters {
    /// The AKSNodeClass fields that shape Azure instance types (INSTANCETYPES.md §2.1, §5).
    public init(nodeClass: AKSNodeClass?) {
        guard let spec = nodeClass?.spec else {
            self.init()
            return
        }
        let localDNS = nodeClass?.status?.localDNSState == .enabled || spec.localDNS?.mode == .required
        self.init(
            imageFamily: spec.imageFamily?.rawValue ?? "Ubuntu",
            osDiskSizeGB: Int64(spec.osDiskSizeGB ?? 128),
            maxPods: spec.maxPods.map(Int64.init),
            encryptionAtHost: spec.security?.encryptionAtHost ?? false,
            localDNSEnabled: localDNS,
            gpuMode: spec.gpu?.mode == .noDriver ? .none : .driver,
            artifactStreamingEnabled: spec.artifactStreaming?.enabled == true,
            trustedLaunch: spec.security?.trustedLaunch?.isOn ?? false,
            fipsMode: spec.fipsMode == .fips)
    }
}
