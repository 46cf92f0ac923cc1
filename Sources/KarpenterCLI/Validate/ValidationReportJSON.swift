import KarpenterAPI
import OrderedCollections

/// The machine-readable report of `validate -o json`. Its shape is a stable interface:
/// `{"objects": [...], "fileErrors": [...], "summary": {...}}`.
enum ValidationReportJSON {
    static func render(reviews: [ObjectReview], fileErrors: [(String, ManifestError)], showDefaults: Bool) -> JSONValue {
        var summary = OrderedDictionary<String, JSONValue>()
        summary["objects"] = .int(Int64(reviews.count))
        summary["valid"] = .int(Int64(reviews.filter { $0.result.verdict == .accepted }.count))
        summary["invalid"] = .int(Int64(reviews.filter { $0.result.verdict == .rejected }.count))
        summary["ignored"] = .int(Int64(reviews.filter { $0.result.verdict == .ignored }.count))
        summary["unreadableFiles"] = .int(Int64(fileErrors.count))
        var root = OrderedDictionary<String, JSONValue>()
        root["objects"] = .array(reviews.map { object($0, showDefaults: showDefaults) })
        root["fileErrors"] = .array(fileErrors.map { file, error in
            var entry = OrderedDictionary<String, JSONValue>()
            entry["file"] = .string(file)
            if let document = error.document { entry["document"] = .int(Int64(document)) }
            if let location = error.location {
                entry["line"] = .int(Int64(location.line))
                entry["column"] = .int(Int64(location.column))
            }
            entry["reason"] = .string("ManifestUnreadable")
            entry["message"] = .string(error.message)
            return .object(entry)
        })
        root["summary"] = .object(summary)
        return .object(root)
    }

    private static func object(_ review: ObjectReview, showDefaults: Bool) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["file"] = .string(review.file)
        entry["document"] = .int(Int64(review.document))
        if let item = review.listItem { entry["listItem"] = .int(Int64(item)) }
        entry["line"] = .int(Int64(review.location.line))
        entry["apiVersion"] = .string(review.result.apiVersion)
        entry["kind"] = .string(review.result.kind)
        entry["name"] = .string(review.result.name)
        entry["verdict"] = .string(review.result.verdict.rawValue)
        let paired = Array(zip(review.result.issues, review.issueLocations))
        entry["errors"] = .array(paired.filter { $0.0.severity == .error }.map(issue))
        entry["warnings"] = .array(paired.filter { $0.0.severity == .warning }.map(issue))
        if showDefaults, review.result.verdict != .ignored { entry["defaulted"] = review.result.defaulted }
        return .object(entry)
    }

    private static func issue(_ pair: (ValidationIssue, SourceLocation)) -> JSONValue {
        var entry = OrderedDictionary<String, JSONValue>()
        entry["field"] = .string(pair.0.path.description)
        entry["line"] = .int(Int64(pair.1.line))
        entry["column"] = .int(Int64(pair.1.column))
        entry["reason"] = .string(pair.0.reason.rawValue)
        entry["message"] = .string(pair.0.message)
        if let hint = pair.0.hint { entry["hint"] = .string(hint) }
        return .object(entry)
    }
}
