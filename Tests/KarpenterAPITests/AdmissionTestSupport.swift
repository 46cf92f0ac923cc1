import XCTest
@testable import KarpenterAPI

/// Builds objects for admission tests from YAML text, and asserts verdicts with exact field paths.
enum Fixtures {
    /// The first document of `text` as a JSON tree.
    static func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        do {
            let documents = try ManifestParser.parse(text: text)
            guard let first = documents.first else {
                XCTFail("the YAML holds no document", file: file, line: line)
                return .null
            }
            return first.value
        } catch {
            XCTFail("the YAML does not parse: \(error)", file: file, line: line)
            return .null
        }
    }

    /// A single YAML value written in flow style (`{a: 1}`, `[x, y]`, `"text"`, `5`).
    static func value(_ flow: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        parse("v: \(flow)", file: file, line: line)["v"] ?? .null
    }

    static let subnetID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg/providers/Microsoft.Network/virtualNetworks/my-vnet/subnets/my-subnet"

    /// An AKSNodeClass; `spec` is flow YAML, nil for an object without a spec.
    static func nodeClass(spec: String? = "{}", apiVersion: String = "karpenter.azure.com/v1beta1") -> JSONValue {
        var object = parse("""
        apiVersion: \(apiVersion)
        kind: AKSNodeClass
        metadata: {name: default}
        """)
        if let spec { object["spec"] = value(spec) }
        return object
    }

    static let defaultRequirements = "[{key: karpenter.sh/capacity-type, operator: In, values: [on-demand, spot]}]"

    /// A valid `karpenter.sh/v1` NodePool with the given requirements (flow YAML).
    static func nodePool(requirements: String = defaultRequirements) -> JSONValue {
        parse("""
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: default}
        spec:
          template:
            spec:
              nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
              requirements: \(requirements)
        """)
    }

    /// A valid `karpenter.sh/v1beta1` NodePool (provider v0.6.x era).
    static func nodePoolV1beta1(requirements: String = defaultRequirements) -> JSONValue {
        parse("""
        apiVersion: karpenter.sh/v1beta1
        kind: NodePool
        metadata: {name: default}
        spec:
          template:
            spec:
              nodeClassRef: {name: default}
              requirements: \(requirements)
        """)
    }

    /// A valid `karpenter.sh/v1` NodeClaim.
    static func nodeClaim(requirements: String = "[{key: node.kubernetes.io/instance-type, operator: In, values: [Standard_D2s_v3]}]") -> JSONValue {
        parse("""
        apiVersion: karpenter.sh/v1
        kind: NodeClaim
        metadata: {name: default-abcde}
        spec:
          nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
          requirements: \(requirements)
        """)
    }

    /// A LocalDNS zone override with every required field; `fields` overrides single fields.
    static func zone(_ name: String, _ destination: String, _ fields: [String: String] = [:]) -> String {
        var values: [(String, String)] = [
            ("zone", "\"\(name)\""), ("queryLogging", "Error"), ("protocol", "PreferUDP"),
            ("forwardDestination", destination), ("forwardPolicy", "Sequential"), ("maxConcurrent", "1000"),
            ("cacheDuration", "1h"), ("serveStaleDuration", "1h"), ("serveStale", "Verify"),
        ]
        for (key, value) in fields {
            if let position = values.firstIndex(where: { $0.0 == key }) { values[position].1 = value } else { values.append((key, value)) }
        }
        return "{" + values.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    static var validVnetOverrides: [String] { [zone(".", "VnetDNS"), zone("cluster.local", "ClusterCoreDNS")] }
    static var validKubeOverrides: [String] { [zone(".", "ClusterCoreDNS"), zone("cluster.local", "ClusterCoreDNS")] }

    /// An AKSNodeClass spec (flow YAML) with LocalDNS configured from the given override items.
    static func localDNSSpec(mode: String = "Preferred", vnet: [String] = validVnetOverrides, kube: [String] = validKubeOverrides) -> String {
        "{localDNS: {mode: \(mode), vnetDNSOverrides: [\(vnet.joined(separator: ", "))], kubeDNSOverrides: [\(kube.joined(separator: ", "))]}}"
    }
}

extension JSONValue {
    /// A copy with the value at the dotted field path replaced (nil removes it); missing
    /// intermediate objects are created.
    func setting(_ path: String, _ value: JSONValue?) -> JSONValue {
        let names = path.split(separator: ".").map(String.init)
        return Self.set(self, names[...], value)
    }

    /// A copy with the value at `path` replaced by flow YAML.
    func setting(_ path: String, yaml: String) -> JSONValue {
        setting(path, Fixtures.value(yaml))
    }

    func removing(_ path: String) -> JSONValue { setting(path, nil) }

    /// The value at a dotted field path.
    func at(_ path: String) -> JSONValue? {
        var current: JSONValue? = self
        for name in path.split(separator: ".") { current = current?[String(name)] }
        return current
    }

    private static var emptyObject: JSONValue { .object([:]) }

    private static func set(_ base: JSONValue, _ names: ArraySlice<String>, _ value: JSONValue?) -> JSONValue {
        guard let first = names.first else { return value ?? .null }
        var object = base.objectValue != nil ? base : emptyObject
        if names.count == 1 {
            object[first] = value
        } else {
            object[first] = set(object[first] ?? emptyObject, names.dropFirst(), value)
        }
        return object
    }
}

/// The errors of `result` for a failure message.
func describe(_ issues: [ValidationIssue]) -> String {
    issues.isEmpty ? "(none)" : issues.map { "\($0.severity.rawValue) \($0.reason.rawValue) \($0)" }.joined(separator: "\n  ")
}

@discardableResult
func assertAccepted(_ object: JSONValue, old: JSONValue? = nil,
                    file: StaticString = #filePath, line: UInt = #line) -> AdmissionResult {
    let result = Admission.review(object, oldObject: old)
    XCTAssertEqual(result.verdict, .accepted, "expected acceptance; issues:\n  \(describe(result.issues))", file: file, line: line)
    return result
}

/// Asserts a rejection whose errors are all at exactly the field path `path`; optionally
/// that one of them has `reason` and that one of them mentions `message`.
@discardableResult
func assertRejected(_ object: JSONValue, old: JSONValue? = nil, at path: String,
                    reason: ValidationIssue.Reason? = nil, message: String? = nil,
                    file: StaticString = #filePath, line: UInt = #line) -> AdmissionResult {
    assertRejected(object, old: old, at: [path], reason: reason, message: message, file: file, line: line)
}

/// Asserts a rejection whose errors sit at exactly the set of field paths `paths`.
@discardableResult
func assertRejected(_ object: JSONValue, old: JSONValue? = nil, at paths: Set<String>,
                    reason: ValidationIssue.Reason? = nil, message: String? = nil,
                    file: StaticString = #filePath, line: UInt = #line) -> AdmissionResult {
    let result = Admission.review(object, oldObject: old)
    XCTAssertEqual(result.verdict, .rejected, "expected rejection at \(paths.sorted()); issues:\n  \(describe(result.issues))", file: file, line: line)
    XCTAssertEqual(Set(result.errors.map(\.path.description)), paths,
                   "error paths differ; issues:\n  \(describe(result.issues))", file: file, line: line)
    if let reason {
        XCTAssertTrue(result.errors.contains { $0.reason == reason },
                      "no error with reason \(reason.rawValue); issues:\n  \(describe(result.issues))", file: file, line: line)
    }
    if let message {
        XCTAssertTrue(result.errors.contains { $0.message.contains(message) },
                      "no error mentions \"\(message)\"; issues:\n  \(describe(result.issues))", file: file, line: line)
    }
    return result
}

/// The messages of the CEL rules that failed, for checks on exactly which rules fired.
func ruleMessages(_ result: AdmissionResult) -> [String] {
    result.errors.filter { $0.reason == .ruleFailed || $0.reason == .immutable }.map(\.message)
}
