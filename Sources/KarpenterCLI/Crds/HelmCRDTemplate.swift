import Foundation
import KarpenterAPI

/// Turns a generated CRD into a template of the `charts/karpenter-crd` chart: labels, the
/// cert-manager CA injection annotation, and the conversion webhook's Service name, namespace,
/// port and `caBundle` come from the chart's values (helpers in its `templates/_helpers.tpl`).
///
/// The generator writes a placeholder scalar where template text belongs, renders YAML as
/// usual, then swaps each placeholder line for the template lines, so the schema part stays
/// byte-for-byte what `crds/` holds.
enum HelmCRDTemplate {
    private enum Placeholder: String, CaseIterable {
        case labels = "HELM_TEMPLATE_LABELS"
        case annotations = "HELM_TEMPLATE_ANNOTATIONS"
        case serviceName = "HELM_TEMPLATE_SERVICE_NAME"
        case serviceNamespace = "HELM_TEMPLATE_SERVICE_NAMESPACE"
        case port = "HELM_TEMPLATE_SERVICE_PORT"
        case caBundle = "HELM_TEMPLATE_CA_BUNDLE"

        /// The template lines that replace `<indent><key>: <placeholder>`.
        func lines(key: String, indent: String) -> [String] {
            let children = indent.count + 2
            switch self {
            case .labels:
                return ["\(indent)\(key):", "\(indent)  {{- include \"karpenter-crd.labels\" . | nindent \(children) }}"]
            case .annotations:
                return [
                    "\(indent){{- with include \"karpenter-crd.annotations\" . }}",
                    "\(indent)\(key):", "\(indent)  {{- . | nindent \(children) }}",
                    "\(indent){{- end }}",
                ]
            case .serviceName:
                return ["\(indent)\(key): {{ include \"karpenter-crd.webhookServiceName\" . }}"]
            case .serviceNamespace:
                return ["\(indent)\(key): {{ include \"karpenter-crd.webhookServiceNamespace\" . }}"]
            case .port:
                return ["\(indent)\(key): {{ .Values.webhook.port }}"]
            case .caBundle:
                return [
                    "\(indent){{- with include \"karpenter-crd.caBundle\" . }}",
                    "\(indent)\(key): {{ . }}",
                    "\(indent){{- end }}",
                ]
            }
        }
    }

    /// The CRD with placeholders where the chart's values go.
    static func withPlaceholders(_ crd: JSONValue) -> JSONValue {
        var crd = crd
        crd["metadata"]?["labels"] = .string(Placeholder.labels.rawValue)
        guard crd["spec"]?["conversion"]?["webhook"] != nil else { return crd }
        crd["metadata"]?["annotations"] = .string(Placeholder.annotations.rawValue)
        crd["spec"]?["conversion"]?["webhook"]?["clientConfig"]?["service"]?["name"] = .string(Placeholder.serviceName.rawValue)
        crd["spec"]?["conversion"]?["webhook"]?["clientConfig"]?["service"]?["namespace"] = .string(Placeholder.serviceNamespace.rawValue)
        crd["spec"]?["conversion"]?["webhook"]?["clientConfig"]?["service"]?["port"] = .string(Placeholder.port.rawValue)
        crd["spec"]?["conversion"]?["webhook"]?["clientConfig"]?["caBundle"] = .string(Placeholder.caBundle.rawValue)
        return crd
    }

    /// Replaces every placeholder line of `yaml` by its template lines.
    static func substitute(_ yaml: String) -> String {
        var output: [Substring] = []
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let (indent, key, placeholder) = placeholderLine(line) else {
                // Schema text (a CEL rule, a description) must reach the API server verbatim.
                output.append(Substring(line.replacingOccurrences(of: "{{", with: "{{`{{`}}")))
                continue
            }
            output += placeholder.lines(key: key, indent: indent).map { Substring($0) }
        }
        return output.joined(separator: "\n")
    }

    private static func placeholderLine(_ line: Substring) -> (String, String, Placeholder)? {
        let trimmed = line.drop { $0 == " " }
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let value = trimmed[trimmed.index(after: colon)...].trimmingPrefix(" ")
        guard let placeholder = Placeholder(rawValue: String(value)) else { return nil }
        return (String(repeating: " ", count: line.count - trimmed.count), String(trimmed[..<colon]), placeholder)
    }
}
