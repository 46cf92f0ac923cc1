/// The name syntaxes of `k8s.io/apimachinery/pkg/util/validation`. Each check returns the
/// problems found (empty when valid), phrased as the API server phrases them.
public enum KubernetesNames {
    private static let qualifiedNamePattern = "^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$"
    private static let labelValuePattern = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"
    private static let dns1123SubdomainPattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"

    /// `prefix/name` label and annotation keys.
    public static func qualifiedNameProblems(_ key: String) -> [String] {
        var problems: [String] = []
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = String(parts[0])
            name = parts[1]
            if prefix.isEmpty {
                problems.append("prefix part must be non-empty")
            } else {
                problems += dns1123SubdomainProblems(prefix).map { "prefix part \($0)" }
            }
        default:
            return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            problems.append("name part must be non-empty")
        } else if name.count > 63 {
            problems.append("name part must be no more than 63 characters")
        }
        if !name.isEmpty, !matches(qualifiedNamePattern, String(name)) {
            problems.append("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")
        }
        return problems
    }

    public static func labelValueProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.count > 63 { problems.append("must be no more than 63 characters") }
        if !matches(labelValuePattern, value) {
            problems.append("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
        }
        return problems
    }

    public static func dns1123SubdomainProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.count > 253 { problems.append("must be no more than 253 characters") }
        if !matches(dns1123SubdomainPattern, value) {
            problems.append("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
        }
        return problems
    }

    private static func matches(_ pattern: String, _ text: String) -> Bool {
        (try? RE2Syntax.matches(pattern, text)) == true
    }
}
