import Foundation

extension AzureConfiguration {
    /// DefaultAzureCredential's order: client secret, workload identity, managed identity; wrapped in a cache.
    public func defaultCredential(requestTimeout: Duration = .seconds(10), refreshMargin: TimeInterval = 300) -> CachingCredential {
        let transport = HTTPTransport(timeout: requestTimeout)
        let scope = tokenAudience + "/.default"
        let settings = credentials
        let source: any AzureCredential
        if let clientID = settings.clientID, let secret = settings.clientSecret, let tenantID {
            source = ClientSecretCredential(tenantID: tenantID, clientID: clientID, secret: secret,
                                            authorityHost: authorityHost, scope: scope, transport: transport)
        } else if let file = settings.federatedTokenFile, let clientID = settings.clientID, let tenantID {
            source = WorkloadIdentityCredential(tenantID: tenantID, clientID: clientID, tokenFile: file,
                                                authorityHost: authorityHost, scope: scope, transport: transport)
        } else {
            source = ManagedIdentityCredential(clientID: settings.clientID, imdsEndpoint: imdsEndpoint,
                                               resource: tokenAudience + "/", transport: transport)
        }
        return CachingCredential(source, refreshMargin: refreshMargin)
    }
}
