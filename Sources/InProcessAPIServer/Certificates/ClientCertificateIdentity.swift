import NIOSSL
import X509

/// The user a verified client certificate authenticates: its subject's common name.
enum ClientCertificateIdentity {
    static func user(of certificate: NIOSSLCertificate) -> String? {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else { return nil }
        for relativeName in parsed.subject {
            for attribute in relativeName where attribute.type == .RDNAttributeType.commonName {
                if let text = String(attribute.value), !text.isEmpty { return text }
            }
        }
        return nil
    }
}
