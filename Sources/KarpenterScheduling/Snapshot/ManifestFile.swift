import KarpenterAPI

/// The parsed documents of one manifest file, named as the user wrote its path.
public struct ManifestFile: Sendable {
    public var name: String
    public var documents: [ManifestDocument]

    public init(name: String, documents: [ManifestDocument]) {
        self.name = name
        self.documents = documents
    }
}

/// One object of a manifest file and where it was written.
struct ManifestObject: Sendable {
    var file: String
    var document: ManifestDocument
    /// The object (a document, or one item of a `kind: List`).
    var value: JSONValue
    /// Where the object sits inside the document (root, or `items[i]`).
    var prefix: FieldPath

    var kind: String { value["kind"]?.stringValue ?? "" }
    var apiVersion: String { value["apiVersion"]?.stringValue ?? "" }
    var name: String { value["metadata"]?["name"]?.stringValue ?? "" }
    var namespace: String { value["metadata"]?["namespace"]?.stringValue ?? "default" }

    func location(of path: FieldPath = .root) -> SourceLocation {
        document.location(of: FieldPath(prefix.components + path.components))
    }

    /// `Kind/name` (or `Kind/namespace/name`), as diagnostics name objects.
    var label: String { name.isEmpty ? (kind.isEmpty ? "object" : kind) : "\(kind)/\(name)" }

    /// Every object of the files, flattening `kind: List` documents.
    static func all(in files: [ManifestFile]) -> [ManifestObject] {
        var objects: [ManifestObject] = []
        for file in files {
            for document in file.documents {
                if document.value["kind"]?.stringValue == "List", let items = document.value["items"]?.arrayValue {
                    for (index, item) in items.enumerated() {
                        objects.append(ManifestObject(file: file.name, document: document, value: item,
                                                      prefix: FieldPath.root.child("items").index(index)))
                    }
                } else if !document.value.isNull {
                    objects.append(ManifestObject(file: file.name, document: document, value: document.value, prefix: .root))
                }
            }
        }
        return objects
    }
}
