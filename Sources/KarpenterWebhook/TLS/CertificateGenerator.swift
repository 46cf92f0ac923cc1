import Crypto
import Foundation
import SwiftASN1
import X509

/// Makes a development CA and a serving certificate signed by it, with the SANs the
/// kube-apiserver checks (`NAME.NS.svc`, `NAME.NS.svc.cluster.local`) plus any extra hosts.
public enum CertificateGenerator {
    public struct Bundle: Sendable {
        public let caCertificatePEM: String
        public let certificatePEM: String
        public let privateKeyPEM: String
    }

    public static func dnsNames(service: String, namespace: String) -> [String] {
        ["\(service).\(namespace).svc", "\(service).\(namespace).svc.cluster.local"]
    }

    public static func generate(service: String, namespace: String, extraHosts: [String] = [],
                                validFor days: Int = 365, now: Date = Date()) throws -> Bundle {
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("\(service)-ca") }
        let notBefore = now.addingTimeInterval(-300)
        let notAfter = now.addingTimeInterval(Double(days) * 86_400)
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: .init(caKey.publicKey), notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(caKey)
        )

        let leafKey = P256.Signing.PrivateKey()
        let hosts = dnsNames(service: service, namespace: namespace) + extraHosts
        let names = hosts.map { host -> GeneralName in
            if let address = ipAddressBytes(host) { return .ipAddress(ASN1OctetString(contentBytes: address[...])) }
            return .dnsName(host)
        }
        let leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: .init(leafKey.publicKey), notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: caName, subject: try DistinguishedName { CommonName(hosts[0]) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(caKey)
        )
        return Bundle(caCertificatePEM: try ca.serializeAsPEM().pemString,
                      certificatePEM: try leaf.serializeAsPEM().pemString,
                      privateKeyPEM: leafKey.pemRepresentation)
    }

    /// Writes `ca.crt`, `tls.crt` and `tls.key` (mode 0600) into `directory`, each replaced
    /// atomically (write then rename), key first, so a watcher never reads a torn file.
    public static func write(_ bundle: Bundle, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try writeAtomically(bundle.privateKeyPEM, to: directory, name: ServingCertificate.keyFile, mode: 0o600)
        try writeAtomically(bundle.certificatePEM, to: directory, name: ServingCertificate.certificateFile, mode: 0o644)
        try writeAtomically(bundle.caCertificatePEM, to: directory, name: "ca.crt", mode: 0o644)
    }

    private static func writeAtomically(_ text: String, to directory: String, name: String, mode: Int) throws {
        let final = (directory as NSString).appendingPathComponent(name)
        let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, final) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final])
        }
    }

    static func ipAddressBytes(_ host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
