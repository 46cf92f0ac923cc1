import KarpenterAPI
import Foundation

/// Checks and decodes a plugin's stdout, with client-go's rules.
enum ExecCredentialDecoder {
    static func decode(_ stdout: Data, command: String, expectedAPIVersion: String) throws -> ExecCredential {
        func invalid(_ reason: String) -> ExecPluginError {
            .invalidOutput(command: command, reason: reason)
        }
        if stdout.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw invalid("nothing on stdout")
        }
        let response: ExecCredentialResponse
        do {
            response = try JSONDecoder().decode(ExecCredentialResponse.self, from: stdout)
        } catch {
            let preview = String(decoding: stdout.prefix(120), as: UTF8.self)
            throw invalid("stdout is not ExecCredential JSON (starts with \"\(preview)\")")
        }
        if response.kind != "ExecCredential" {
            throw invalid("kind is \"\(response.kind ?? "")\", expected \"ExecCredential\"")
        }
        if response.apiVersion != expectedAPIVersion {
            throw ExecPluginError.wrongAPIVersion(command: command, expected: expectedAPIVersion,
                                                  got: response.apiVersion ?? "")
        }
        guard let status = response.status else { throw invalid("no status field") }
        let token = nonEmpty(status.token)
        let certificate = nonEmpty(status.clientCertificateData)
        let key = nonEmpty(status.clientKeyData)
        if token == nil && certificate == nil && key == nil {
            throw invalid("status has neither a token nor clientCertificateData and clientKeyData")
        }
        if (certificate == nil) != (key == nil) {
            throw invalid("status has only one of clientCertificateData and clientKeyData; both are needed")
        }
        var expiration: Date?
        if let stamp = nonEmpty(status.expirationTimestamp) {
            guard let date = RFC3339.parse(stamp) else {
                throw invalid("expirationTimestamp \"\(stamp)\" is not an RFC 3339 time")
            }
            expiration = date
        }
        return ExecCredential(token: token, clientCertificateData: certificate.map { Data($0.utf8) },
                              clientKeyData: key.map { Data($0.utf8) }, expiration: expiration)
    }
}
