/// The outcome of converting one object between API versions.
public struct ConversionResult: Sendable, Hashable {
    /// The converted object; fields the conversion does not know are carried over untouched.
    public var converted: JSONValue
    /// One human-readable line per change: "moved X to Y", "changed X ...", "dropped X because ...".
    public var notes: [String]
    /// v1beta1 → v1 only: the AKSNodeClass `spec` fragment (`kubelet.*`, `maxPods`) that the
    /// removed NodePool kubelet block maps to, or nil when nothing maps. Apply it to the
    /// referenced AKSNodeClass to keep the node settings.
    public var nodeClassSpec: JSONValue?
    /// v1beta1 → v1 only: kubelet fields (`kubelet.clusterDNS`, ...) that have no AKSNodeClass
    /// equivalent, so nodes launched from the v1 NodePool no longer get them.
    public var unmappedKubeletFields: [String]

    public init(converted: JSONValue, notes: [String] = [], nodeClassSpec: JSONValue? = nil, unmappedKubeletFields: [String] = []) {
        self.converted = converted
        self.notes = notes
        self.nodeClassSpec = nodeClassSpec
        self.unmappedKubeletFields = unmappedKubeletFields
    }
}
