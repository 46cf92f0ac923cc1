import Foundation
import KarpenterAPI
import Testing

/// The karpenter-crd chart's templates are exactly what `kubectl karpenter crds --helm-templates`
/// generates, and differ from the plain CRDs only where the chart's values go.
@Suite struct ChartCRDTemplateTests {
    static let templates = ChartCRDTests.repositoryRoot.appendingPathComponent("charts/karpenter-crd/templates")
    static let regenerate = "regenerate with: kubectl karpenter crds --helm-templates -o charts/karpenter-crd/templates"

    @Test func committedTemplatesEqualTheGeneratedOnes() throws {
        let directory = try WebhookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try WebhookProcess.run(WebhookProcess.binary("kubectl-karpenter"), ["crds", "--helm-templates", "-o", directory.path])
        #expect(result.status == 0, "\(result.errors)")
        let generated = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(generated == ["karpenter.azure.com_aksnodeclasses.yaml", "karpenter.sh_nodeclaims.yaml", "karpenter.sh_nodepools.yaml"])
        let committed = try FileManager.default.contentsOfDirectory(atPath: Self.templates.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(committed == generated, "\(Self.regenerate)")
        for name in generated {
            let fresh = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let stored = try? String(contentsOf: Self.templates.appendingPathComponent(name), encoding: .utf8)
            #expect(stored == fresh, "charts/karpenter-crd/templates/\(name) is stale; \(Self.regenerate)")
        }
    }

    /// Every template line that is not plain YAML of the CRD is one of the known Helm lines, and
    /// the rest equals the plain CRD once its Service, namespace and port lines are set aside.
    @Test func templatesAreThePlainCRDsWithValuesFilledIn() throws {
        let plain = ChartCRDTests.repositoryRoot.appendingPathComponent("charts/karpenter/crds")
        for name in ["karpenter.sh_nodepools.yaml", "karpenter.sh_nodeclaims.yaml", "karpenter.azure.com_aksnodeclasses.yaml"] {
            let template = try String(contentsOf: Self.templates.appendingPathComponent(name), encoding: .utf8)
            let crd = try String(contentsOf: plain.appendingPathComponent(name), encoding: .utf8)
            let templated = template.split(separator: "\n").filter { $0.contains("{{") }
            let converts = name.hasPrefix("karpenter.sh_")
            #expect(templated.count == (converts ? 10 : 1), "\(name): \(templated)")
            if converts {
                #expect(template.contains("name: {{ include \"karpenter-crd.webhookServiceName\" . }}"))
                #expect(template.contains("namespace: {{ include \"karpenter-crd.webhookServiceNamespace\" . }}"))
                #expect(template.contains("port: {{ .Values.webhook.port }}"))
                #expect(template.contains("caBundle: {{ . }}"))
                #expect(template.contains("{{- with include \"karpenter-crd.annotations\" . }}"))
            }
            // Lines only the template has: template actions, and the metadata keys they fill.
            let remaining = template.split(separator: "\n").filter { line in
                !line.contains("{{") && line != "  labels:" && line != "  annotations:" && !line.hasPrefix("# Generated")
            }
            // Lines only the plain CRD has: its fixed webhook Service.
            let serviceLines = ["          name: karpenter-webhook", "          namespace: kube-system", "          port: 443"]
            let crdRemaining = crd.split(separator: "\n").filter { line in
                !line.hasPrefix("# Generated") && !(converts && serviceLines.contains(String(line)))
            }
            #expect(remaining == crdRemaining, "\(name): the schema part differs from charts/karpenter/crds")
        }
    }
}
