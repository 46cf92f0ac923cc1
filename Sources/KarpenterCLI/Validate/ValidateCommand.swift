import ArgumentParser
import KarpenterAPI

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate NodePool, NodeClaim and AKSNodeClass manifests as the API server would.",
        discussion: """
        Checks every Karpenter object in the files exactly as the kube-apiserver does with the \
        Karpenter CRDs installed (types, enums, patterns, bounds, defaults, CEL rules, unknown \
        fields as with --validate=strict), and warns about mistakes it would accept. Other kinds \
        are skipped with a note.

        Examples:
          kubectl karpenter validate -f nodepool.yaml
          kubectl karpenter validate -f manifests/ -R -o json
          cat nodeclass.yaml | kubectl karpenter validate -f - --show-defaults

        Exit status: 0 all valid, 1 something invalid or unreadable, 64 usage error.
        """
    )

    @Option(name: [.short, .customLong("filename")], help: "A file, a directory, or - for stdin. Repeatable.")
    var files: [String] = []

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Descend into subdirectories of directories given with -f.")
    var recursive = false

    @Flag(name: .customLong("show-defaults"), help: "Print each valid object with the API server's defaults applied.")
    var showDefaults = false

    @Option(name: [.short, .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one manifest with -f FILE (a directory, or - for stdin)") }
        if output == .yaml { throw ValidationError("-o yaml is not supported by validate; use text or json") }
    }

    func run() throws {
        let paths = try ManifestFiles.expandForCommand(files, recursive: recursive)
        var reviews: [ObjectReview] = []
        var fileErrors: [(String, ManifestError)] = []
        for path in paths {
            let entry = ManifestFiles.read(path)
            switch entry.result {
            case .success(let documents):
                reviews += ManifestReview.review(file: entry.name, documents: documents,
                                                  knownValues: CatalogKnownValues.forDocuments(documents))
            case .failure(let error):
                fileErrors.append((entry.name, error))
            }
        }
        switch output {
        case .json:
            Terminal.out(JSONWriter.string(ValidationReportJSON.render(reviews: reviews, fileErrors: fileErrors, showDefaults: showDefaults), pretty: true))
        default:
            Terminal.out(ValidationReportText(terminal: .detect()).render(reviews: reviews, fileErrors: fileErrors, showDefaults: showDefaults))
        }
        if !fileErrors.isEmpty || reviews.contains(where: { $0.result.verdict == .rejected }) {
            throw ExitCode.failure
        }
    }
}
