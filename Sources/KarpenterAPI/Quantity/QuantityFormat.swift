/// How a quantity prints, chosen by the suffix it was written with (Kubernetes `resource.Format`).
public enum QuantityFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Powers of ten with SI suffixes: `500m`, `2k`, `1G`.
    case decimalSI = "DecimalSI"
    /// Powers of 1024 with IEC suffixes: `512Mi`, `1Gi`.
    case binarySI = "BinarySI"
    /// Powers of ten as exponents: `1e3`, `5e-3`.
    case decimalExponent = "DecimalExponent"
}
