import Foundation

/// What an exec plugin returned: a bearer token, a client certificate and key (PEM), or both,
/// valid until `expiration` (nil = until the API server rejects it).
public struct ExecCredential: Sendable, Equatable {
    public var token: String?
    public var clientCertificateData: Data?
    public var clientKeyData: Data?
    public var expiration: Date?

    public init(token: String? = nil, clientCertificateData: Data? = nil, clientKeyData: Data? = nil,
                expiration: Date? = nil) {
        self.token = token
        self.clientCertificateData = clientCertificateData
        self.clientKeyData = clientKeyData
        self.expiration = expiration
    }

    public func isExpired(at now: Date) -> Bool {
        guard let expiration else { return false }
        return now >= expiration
    }
}
