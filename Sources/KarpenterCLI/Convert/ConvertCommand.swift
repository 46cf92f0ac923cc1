import ArgumentParser
import KarpenterAPI

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert karpenter.sh/v1beta1 NodePools to karpenter.sh/v1 and say what moved where.",
        discussion: """
        Prints every document of the input; v1beta1 NodePools come out as v1, preceded by \
        YAML comments listing each change (policy rename, expireAfter move, nodeClassRef shape) \
        and the AKSNodeClass kubelet settings that the NodePool's kubelet block maps to. Other \
        documents pass through unchanged. The v1 output is validated; problems are reported on \
        stderr and make the exit status 1.

        Examples:
          kubectl karpenter convert -f nodepool-v1beta1.yaml > nodepool-v1.yaml
          kubectl karpenter convert -f old/ -R -o json
        """
    )

    @Option(name: [.short, .customLong("filename")], help: "A file, a directory, or - for stdin. Repeatable.")
    var files: [String] = []

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Descend into subdirectories of directories given with -f.")
    var recursive = false

    @Option(name: [.short, .customLong("output")], help: "Output format: yaml or json.")
    var output: OutputFormat = .yaml

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the manifest to convert with -f FILE (a directory, or - for stdin)") }
        if output == .text { throw ValidationError("convert prints yaml or json") }
    }

    func run() throws {
        let paths = try ManifestFiles.expandForCommand(files, recursive: recursive)
        var failed = false
        var documents: [String] = []
        for path in paths {
            let entry = ManifestFiles.read(path)
            guard case .success(let parsed) = entry.result else {
                if case .failure(let error) = entry.result { Terminal.err("\(entry.name): \(error)") }
                failed = true
                continue
            }
            for document in parsed {
                let rendered = NodePoolConversionReport.convert(document.value)
                for problem in rendered.problems {
                    Terminal.err("\(entry.name):\(document.start.line): \(problem)")
                    failed = true
                }
                documents.append(output == .json ? JSONWriter.string(rendered.object, pretty: true) : rendered.yaml)
            }
        }
        Terminal.out(output == .json ? "[\n" + documents.joined(separator: ",\n") + "\n]" : documents.joined(separator: "---\n"))
        if failed { throw ExitCode.failure }
    }
}

/// One document after conversion: the object, its YAML with the change notes as comments,
/// and any validation errors of the converted object.
struct NodePoolConversionReport {
    var object: JSONValue
    var yaml: String
    var problems: [String]

    static func convert(_ value: JSONValue) -> NodePoolConversionReport {
        guard value["kind"]?.stringValue == "NodePool", value["apiVersion"]?.stringValue == "karpenter.sh/v1beta1" else {
            return NodePoolConversionReport(object: value, yaml: YAMLWriter.string(value), problems: [])
        }
        let result = NodePoolConversion.v1beta1ToV1(value)
        var comments = result.notes.map { "# \($0)" }
        if let nodeClassSpec = result.nodeClassSpec {
            comments.append("# Add to the referenced AKSNodeClass to keep the kubelet settings:")
            comments += YAMLWriter.string(.object(["spec": nodeClassSpec])).split(separator: "\n").map { "#   \($0)" }
        }
        let review = Admission.review(result.converted)
        let problems = review.errors.map { "converted NodePool is invalid: \($0)" }
        let body = YAMLWriter.string(result.converted)
        return NodePoolConversionReport(object: result.converted,
                                        yaml: (comments.isEmpty ? "" : comments.joined(separator: "\n") + "\n") + body,
                                        problems: problems)
    }
}
