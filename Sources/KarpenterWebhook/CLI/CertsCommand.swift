import ArgumentParser
import Foundation

/// `karpenter-webhook certs generate`: a development CA and serving certificate.
struct CertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "Make certificates for development and tests.",
        subcommands: [CertsGenerateCommand.self]
    )
}

struct CertsGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write ca.crt, tls.crt and tls.key for the webhook Service.",
        discussion: """
        The serving certificate names NAME.NS.svc and NAME.NS.svc.cluster.local, plus every
        --host (a DNS name or an IP address). Put base64 of ca.crt in the webhook
        configurations' caBundle. Files are replaced atomically, so a running webhook pointed
        at the same directory picks them up on its next check.

        Example:
          karpenter-webhook certs generate --service karpenter-webhook --namespace kube-system --host 127.0.0.1 --out ./certs
        """
    )

    @Option(help: "The webhook Service name.") var service: String
    @Option(help: "The Service's namespace.") var namespace: String
    @Option(help: "Output directory.") var out: String
    @Option(help: "An extra SAN: DNS name or IP address. Repeatable.") var host: [String] = []
    @Option(help: "Validity in days.") var days: Int = 365

    func validate() throws {
        if service.isEmpty || namespace.isEmpty { throw ValidationError("--service and --namespace must not be empty") }
        if days < 1 { throw ValidationError("--days must be at least 1") }
    }

    func run() throws {
        do {
            let bundle = try CertificateGenerator.generate(service: service, namespace: namespace, extraHosts: host, validFor: days)
            try CertificateGenerator.write(bundle, to: out)
        } catch {
            FileHandle.standardError.write(Data("error: cannot write certificates to \(out): \(error)\n".utf8))
            throw ExitCode.failure
        }
        let names = CertificateGenerator.dnsNames(service: service, namespace: namespace) + host
        print("wrote \(out)/ca.crt, \(out)/tls.crt, \(out)/tls.key (SANs: \(names.joined(separator: ", ")))")
    }
}
