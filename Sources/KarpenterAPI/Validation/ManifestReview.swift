/// The verdicts on every object of one manifest file, with the line of each finding.
public struct ObjectReview: Sendable {
    public var file: String
    public var document: Int
    /// For objects inside a `kind: List`, their position in `items`.
    public var listItem: Int?
    public var location: SourceLocation
    public var result: AdmissionResult
    /// The line and column of each issue, in the order of `result.issues`.
    public var issueLocations: [SourceLocation]
}

public enum ManifestReview {
    public static func review(file: String, documents: [ManifestDocument],
                              knownValues: KnownLabelValues = .azureDefaults) -> [ObjectReview] {
        var reviews: [ObjectReview] = []
        for document in documents {
            let isList = document.value["kind"]?.stringValue == "List" && document.value["items"]?.arrayValue != nil
            let objects: [(Int?, JSONValue, FieldPath)] = isList
                ? document.value["items"]!.arrayValue!.enumerated().map { ($0.offset, $0.element, FieldPath.root.child("items").index($0.offset)) }
                : [(nil, document.value, .root)]
            for (item, object, prefix) in objects {
                let result = Admission.review(object, knownValues: knownValues)
                let locations = result.issues.map { document.location(of: FieldPath(prefix.components + $0.path.components)) }
                reviews.append(ObjectReview(file: file, document: document.index, listItem: item,
                                            location: document.location(of: prefix), result: result,
                                            issueLocations: locations))
            }
        }
        return reviews
    }
}
