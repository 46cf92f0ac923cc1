import KarpenterAPI

/// The human-readable report of `validate`: one line per object, then its findings with
/// file:line, field path and what to do.
struct ValidationReportText {
    let terminal: Terminal

    func render(reviews: [ObjectReview], fileErrors: [(String, ManifestError)], showDefaults: Bool) -> String {
        var lines: [String] = []
        for (file, error) in fileErrors {
            let position = error.location.map { ":\($0.line):\($0.column)" } ?? ""
            let document = error.document.map { " (document \($0))" } ?? ""
            lines.append("\(file)\(position)\(document): \(terminal.red("ERROR")) \(error.message)")
        }
        for review in reviews {
            lines += render(review, showDefaults: showDefaults)
        }
        let valid = reviews.filter { $0.result.verdict == .accepted }.count
        let invalid = reviews.filter { $0.result.verdict == .rejected }.count
        let ignored = reviews.filter { $0.result.verdict == .ignored }.count
        var summary = "\(reviews.count) object(s): \(valid) valid, \(invalid) invalid, \(ignored) not Karpenter kinds"
        if !fileErrors.isEmpty { summary += ", \(fileErrors.count) unreadable file(s)" }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    private func render(_ review: ObjectReview, showDefaults: Bool) -> [String] {
        let result = review.result
        let where_ = "\(review.file):\(review.location.line)"
        let identity = "\(result.kind.isEmpty ? "<no kind>" : result.kind)/\(result.name.isEmpty ? "<no name>" : result.name)"
        var lines: [String] = []
        switch result.verdict {
        case .ignored:
            lines.append("\(where_) \(identity): \(terminal.dim("skipped")) (\(result.apiVersion) \(result.kind) is not a Karpenter kind)")
            return lines
        case .accepted:
            let warnings = result.warnings.count
            lines.append("\(where_) \(identity): \(terminal.green("OK"))" + (warnings > 0 ? " with \(warnings) warning(s)" : ""))
        case .rejected:
            lines.append("\(where_) \(identity): \(terminal.red("INVALID")) (\(result.errors.count) error(s))")
        }
        for (issue, location) in zip(result.issues, review.issueLocations) {
            let label = issue.severity == .error ? terminal.red("error") : terminal.yellow("warning")
            lines.append("  \(label) \(review.file):\(location.line): \(issue.path): \(issue.message)")
            if let hint = issue.hint { lines.append("    fix: \(hint)") }
        }
        if showDefaults, result.verdict == .accepted {
            lines.append("  defaulted:")
            lines += YAMLWriter.string(result.defaulted).split(separator: "\n").map { "    " + $0 }
        }
        return lines
    }
}
