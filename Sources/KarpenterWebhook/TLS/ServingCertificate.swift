import Foundation
import NIOSSL
import X509

/// A serving certificate chain and its key, read from `tls.crt` and `tls.key` (the file
/// names of a Kubernetes TLS secret mounted as a volume) and checked to belong together.
public struct ServingCertificate: Sendable {
    public let chain: [NIOSSLCertificate]
    public let key: NIOSSLPrivateKey
    public let notAfter: Date
    /// The bytes both files had, to tell a real change from a touch.
    let fingerprint: [UInt8]

    public static let certificateFile = "tls.crt"
    public static let keyFile = "tls.key"

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func load(directory: String) throws(LoadError) -> ServingCertificate {
        let certificatePath = (directory as NSString).appendingPathComponent(certificateFile)
        let keyPath = (directory as NSString).appendingPathComponent(keyFile)
        guard let certificateData = FileManager.default.contents(atPath: certificatePath) else {
            throw LoadError(description: "cannot read \(certificatePath)")
        }
        guard let keyData = FileManager.default.contents(atPath: keyPath) else {
            throw LoadError(description: "cannot read \(keyPath)")
        }
        return try parse(certificatePEM: Array(certificateData), keyPEM: Array(keyData), origin: directory)
    }

    static func parse(certificatePEM: [UInt8], keyPEM: [UInt8], origin: String) throws(LoadError) -> ServingCertificate {
        do {
            let chain = try NIOSSLCertificate.fromPEMBytes(certificatePEM)
            guard !chain.isEmpty else { throw LoadError(description: "\(origin)/\(certificateFile) holds no certificate") }
            let key = try NIOSSLPrivateKey(bytes: keyPEM, format: .pem)
            // tls.crt may hold the leaf followed by its chain: the leaf comes first.
            let leaf = try Certificate(derEncoded: try chain[0].toDERBytes())
            // Pairing check where swift-certificates reads the key format (EC, RSA, PKCS#8);
            // a mismatch means a half-written rotation, so the previous pair is kept.
            if let privateKey = try? Certificate.PrivateKey(pemEncoded: String(decoding: keyPEM, as: UTF8.self)),
               privateKey.publicKey != leaf.publicKey {
                throw LoadError(description: "\(origin)/\(keyFile) is not the key of the certificate in \(certificateFile)")
            }
            return ServingCertificate(chain: chain, key: key, notAfter: leaf.notValidAfter, fingerprint: certificatePEM + keyPEM)
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "cannot parse \(origin)/\(certificateFile) and \(keyFile) as PEM: \(error)")
        }
    }
}
