/// Why an object cannot go through a conversion of one kind and source apiVersion.
enum ConversionRefusal {
    /// Nil when `tree` is an object of `kind` (or has no kind) with apiVersion `expected`.
    static func reason(_ tree: JSONValue, kind expectedKind: String, expected: String) -> String? {
        guard tree.objectValue != nil else { return "not converted: the input is not a JSON object" }
        if let kind = tree["kind"]?.stringValue, kind != expectedKind {
            return "not converted: kind is \(kind), not \(expectedKind)"
        }
        let apiVersion = tree["apiVersion"]?.stringValue
        if apiVersion != expected {
            return "not converted: apiVersion is \(apiVersion ?? "<absent>"), expected \(expected)"
        }
        return nil
    }
}
