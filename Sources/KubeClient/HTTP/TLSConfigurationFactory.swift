import Foundation
import NIOSSL

/// Builds the NIOSSL client configuration kubectl would use for a cluster: TLS 1.2 at least,
/// the kubeconfig's CA bundle as the only trust roots when given (system roots otherwise),
/// no verification at all only with `insecure-skip-tls-verify`, and the client certificate
/// of the user or of an exec plugin's credential.
enum TLSConfigurationFactory {
    static func make(_ settings: RESTConfig.TLSSettings, clientCertificatePEM: Data? = nil,
                     clientKeyPEM: Data? = nil) throws(KubeClientError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if settings.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        } else if let caData = settings.certificateAuthorityData {
            do {
                let roots = try NIOSSLCertificate.fromPEMBytes(Array(caData))
                guard !roots.isEmpty else { throw KubeClientError.tlsConfiguration("the certificate authority data holds no PEM certificate") }
                tls.trustRoots = .certificates(roots)
            } catch let error as KubeClientError {
                throw error
            } catch {
                throw .tlsConfiguration("the certificate authority data is not a PEM certificate bundle: \(error)")
            }
        }
        let certificate = clientCertificatePEM ?? settings.clientCertificateData
        let key = clientKeyPEM ?? settings.clientKeyData
        if let certificate, let key {
            do {
                let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificate))
                guard !chain.isEmpty else { throw KubeClientError.tlsConfiguration("the client certificate data holds no PEM certificate") }
                tls.certificateChain = chain.map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key), format: .pem))
            } catch let error as KubeClientError {
                throw error
            } catch {
                throw .tlsConfiguration("the client certificate or key is not valid PEM: \(error)")
            }
        }
        return tls
    }
}
