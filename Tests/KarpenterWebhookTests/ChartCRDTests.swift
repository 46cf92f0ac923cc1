import Foundation
import KarpenterAPI
import KarpenterWebhook
import Testing

/// The chart's CRDs are exactly what `kubectl karpenter crds` generates from the core.
@Suite struct ChartCRDTests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func committedChartCRDsEqualTheGeneratedOnes() throws {
        let directory = try WebhookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try WebhookProcess.run(WebhookProcess.binary("kubectl-karpenter"), ["crds", "-o", directory.path])
        #expect(result.status == 0, "\(result.errors)")
        let generated = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(generated == ["karpenter.azure.com_aksnodeclasses.yaml", "karpenter.sh_nodeclaims.yaml", "karpenter.sh_nodepools.yaml"])
        let chart = Self.repositoryRoot.appendingPathComponent("charts/karpenter/crds")
        let committed = try FileManager.default.contentsOfDirectory(atPath: chart.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(committed == generated, "regenerate with: kubectl karpenter crds -o charts/karpenter/crds")
        for name in generated {
            let fresh = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let stored = try? String(contentsOf: chart.appendingPathComponent(name), encoding: .utf8)
            #expect(stored == fresh, "charts/karpenter/crds/\(name) is stale; regenerate with: kubectl karpenter crds -o charts/karpenter/crds")
        }
    }

    @Test func generatedCRDsCarryTheCoreSchemasAndIdentity() throws {
        let result = try WebhookProcess.run(WebhookProcess.binary("kubectl-karpenter"), ["crds"])
        #expect(result.status == 0)
        let documents = try ManifestParser.parse(text: result.output).map(\.value)
        #expect(documents.count == 3)
        for document in documents {
            let spec = try #require(document["spec"])
            #expect(spec["scope"]?.stringValue == "Cluster")
            for version in spec["versions"]?.arrayValue ?? [] {
                let name = version["name"]?.stringValue ?? ""
                let kind = spec["names"]?["kind"]?.stringValue ?? ""
                let group = spec["group"]?.stringValue ?? ""
                let core = try #require(SchemaRegistry.schema(apiVersion: "\(group)/\(name)", kind: kind))
                let schema = version["schema"]?["openAPIV3Schema"]
                #expect(schema?["properties"]?["spec"]?["type"]?.stringValue == "object")
                #expect(version["subresources"]?["status"] != nil)
                let columns = version["additionalPrinterColumns"]?.arrayValue ?? []
                #expect(columns.count >= 2, "\(kind) \(name): printer columns expected")
                // Every CEL rule of the core appears in the CRD.
                #expect(Self.ruleCount(schema) == Self.ruleCount(core.root), "\(kind) \(name): CEL rules differ")
            }
        }
        for kind in ["NodePool", "NodeClaim"] {
            let crd = try #require(documents.first { $0["spec"]?["names"]?["kind"]?.stringValue == kind })
            #expect(crd["spec"]?["conversion"]?["strategy"]?.stringValue == "Webhook", "\(kind)")
            #expect(crd["spec"]?["conversion"]?["webhook"]?["clientConfig"]?["service"]?["path"]?.stringValue == "/convert")
            #expect(crd["spec"]?["conversion"]?["webhook"]?["conversionReviewVersions"] == .array([.string("v1")]))
            let versions = crd["spec"]?["versions"]?.arrayValue ?? []
            #expect(versions.filter { $0["storage"]?.boolValue == true }.compactMap { $0["name"]?.stringValue } == ["v1"], "\(kind)")
            #expect(versions.filter { $0["served"]?.boolValue == true }.compactMap { $0["name"]?.stringValue } == ["v1", "v1beta1"], "\(kind)")
        }
        let nodeClass = try #require(documents.first { $0["spec"]?["names"]?["kind"]?.stringValue == "AKSNodeClass" })
        #expect(nodeClass["spec"]?["names"]?["shortNames"] == .array([.string("aksnc"), .string("aksncs")]))
        #expect(nodeClass["spec"]?["names"]?["categories"] == .array([.string("karpenter"), .string("nap")]))
    }

    static func ruleCount(_ value: JSONValue?) -> Int {
        guard let value else { return 0 }
        switch value {
        case .object(let members):
            return (members["x-kubernetes-validations"]?.arrayValue?.count ?? 0)
                + members.filter { $0.key != "x-kubernetes-validations" }.values.map { ruleCount($0) }.reduce(0, +)
        case .array(let items):
            return items.map { ruleCount($0) }.reduce(0, +)
        default:
            return 0
        }
    }

    static func ruleCount(_ node: SchemaNode) -> Int {
        node.rules.count + node.properties.values.map { ruleCount($0) }.reduce(0, +)
            + (node.items.map { ruleCount($0) } ?? 0) + (node.mapValues.map { ruleCount($0) } ?? 0)
    }
}
