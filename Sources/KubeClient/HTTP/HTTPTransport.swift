import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Sends requests to one API server: TLS from the configuration, the user's credential,
/// client-side rate limiting, retries, one credential refresh after a 401, and deadlines.
/// Call `shutdown()` when done (AsyncHTTPClient requires it).
final class HTTPTransport: Sendable {
    let config: RESTConfig
    let options: ClientOptions
    private let authenticator: Authenticator
    private let limiter: RateLimiter
    private let baseURL: String
    private let connection: ConnectionSettings
    /// One AsyncHTTPClient per client certificate: an exec plugin may hand out a new one.
    /// After `shutdown()` no new one is made: an AsyncHTTPClient that is never shut down traps.
    private let clients = Locked<(pool: [Data: HTTPClient], closed: Bool)>(([:], false))

    private struct ConnectionSettings: Sendable {
        var dnsOverride: [String: String]
        var proxy: HTTPClient.Configuration.Proxy?
    }

    init(config: RESTConfig, options: ClientOptions) throws(KubeClientError) {
        self.config = config
        self.options = options
        authenticator = Authenticator(config: config, environment: options.environment, execTimeout: options.execTimeout)
        limiter = RateLimiter(qps: options.qps, burst: options.burst)
        var components = URLComponents(url: config.server, resolvingAgainstBaseURL: false) ?? URLComponents()
        var dnsOverride: [String: String] = [:]
        // tls-server-name: connect to the real host but use the name for SNI and verification.
        if let serverName = config.tls.serverName, !serverName.isEmpty, let host = components.host, serverName != host {
            dnsOverride[serverName] = host
            components.host = serverName
        }
        components.query = nil
        components.fragment = nil
        var base = components.string ?? config.server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        connection = ConnectionSettings(
            dnsOverride: dnsOverride,
            proxy: try ProxySelection.proxy(for: config.server, configured: config.proxyURL, environment: options.environment))
        // Fail now, not on the first request, when the static TLS material is unusable.
        _ = try TLSConfigurationFactory.make(config.tls)
    }

    func shutdown() async {
        let all = clients.withLock { clients in
            defer { clients = ([:], true) }
            return Array(clients.pool.values)
        }
        for client in all { try? await client.shutdown() }
    }

    /// Sends the request and reads the whole answer; failures become `KubeClientError`s.
    func send(_ request: KubeRequest) async throws(KubeClientError) -> KubeResponse {
        let timeout = request.timeout ?? options.requestTimeout
        let deadline = ContinuousClock.now + timeout
        let policy = request.retry ?? options.retry
        var attempt = 0
        var refreshedCredential = false
        while true {
            let outcome = await attemptOnce(request, deadline: deadline, timeout: timeout)
            switch outcome {
            case .response(let response, let credential):
                if response.status < 400 { return response }
                let retryAfter = response.header("Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                if response.status == 401, authenticator.canRefresh, !refreshedCredential {
                    refreshedCredential = true
                    await authenticator.rejected(credential)
                    continue
                }
                let status = StatusError.decode(code: response.status, body: response.body, retryAfter: retryAfter)
                guard let wait = policy.delay(after: .status(response.status, retryAfterSeconds: retryAfter),
                                              method: request.method, attempt: attempt),
                      ContinuousClock.now + wait < deadline else {
                    throw .status(status)
                }
                attempt += 1
                try await sleep(wait)
            case .failure(let error, let connectionFailed):
                guard connectionFailed,
                      let wait = policy.delay(after: .connection, method: request.method, attempt: attempt),
                      ContinuousClock.now + wait < deadline else {
                    throw error
                }
                attempt += 1
                try await sleep(wait)
            }
        }
    }

    /// Opens a streamed response (a watch); a non-2xx answer is read and thrown as a `Status`.
    func stream(_ request: KubeRequest, deadline: ContinuousClock.Instant) async throws(KubeClientError) -> HTTPClientResponse.Body {
        var refreshedCredential = false
        while true {
            let credential = try await prepareCredential()
            let client = try httpClient(for: credential, method: request.method)
            let httpRequest = makeRequest(request, credential: credential)
            let response: HTTPClientResponse
            do {
                response = try await client.execute(httpRequest, deadline: Self.nioDeadline(deadline))
            } catch {
                throw classify(error, request: request, timeout: request.timeout ?? options.requestTimeout).error
            }
            let code = Int(response.status.code)
            if code < 400 { return response.body }
            let body = (try? await Self.collect(response.body, limit: 1 << 20)) ?? []
            if code == 401, authenticator.canRefresh, !refreshedCredential {
                refreshedCredential = true
                await authenticator.rejected(credential)
                continue
            }
            let retryAfter = response.headers.first(name: "Retry-After").flatMap { Int($0) }
            throw .status(StatusError.decode(code: code, body: body, retryAfter: retryAfter))
        }
    }

    private enum Outcome {
        case response(KubeResponse, RequestCredential)
        case failure(KubeClientError, connectionFailed: Bool)
    }

    private func attemptOnce(_ request: KubeRequest, deadline: ContinuousClock.Instant, timeout: Duration) async -> Outcome {
        do {
            let credential = try await prepareCredential()
            let client = try httpClient(for: credential, method: request.method)
            let httpRequest = makeRequest(request, credential: credential)
            do {
                let response = try await client.execute(httpRequest, deadline: Self.nioDeadline(deadline))
                let body = try await Self.collect(response.body, limit: options.maximumResponseBytes)
                let headers = response.headers.map { ($0.name, $0.value) }
                return .response(KubeResponse(status: Int(response.status.code), headers: headers, body: body), credential)
            } catch {
                let classified = classify(error, request: request, timeout: timeout)
                return .failure(classified.error, connectionFailed: classified.connectionFailed)
            }
        } catch {
            return .failure(error, connectionFailed: false)
        }
    }

    private func prepareCredential() async throws(KubeClientError) -> RequestCredential {
        do {
            try await limiter.acquire()
        } catch {
            throw .timeout(method: "", path: "", seconds: 0)
        }
        return try await authenticator.credential()
    }

    private func makeRequest(_ request: KubeRequest, credential: RequestCredential) -> HTTPClientRequest {
        var httpRequest = HTTPClientRequest(url: baseURL + request.pathAndQuery)
        httpRequest.method = HTTPMethod(rawValue: request.method)
        httpRequest.headers.add(name: "Accept", value: request.accept)
        httpRequest.headers.add(name: "User-Agent", value: options.userAgent)
        if !config.disableCompression { httpRequest.headers.add(name: "Accept-Encoding", value: "gzip") }
        if let authorization = credential.authorization { httpRequest.headers.add(name: "Authorization", value: authorization) }
        for (name, value) in ImpersonationHeaders.headers(config.credentials.impersonate) {
            httpRequest.headers.add(name: name, value: value)
        }
        if let body = request.body {
            httpRequest.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            httpRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        return httpRequest
    }

    private func httpClient(for credential: RequestCredential, method: String) throws(KubeClientError) -> HTTPClient {
        let identity = (credential.clientCertificatePEM ?? Data()) + (credential.clientKeyPEM ?? Data())
        if let existing = clients.withLock({ $0.pool[identity] }) { return existing }
        let tls = try TLSConfigurationFactory.make(config.tls, clientCertificatePEM: credential.clientCertificatePEM,
                                                   clientKeyPEM: credential.clientKeyPEM)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            timeout: .init(connect: .nanoseconds(Int64(Self.nanoseconds(options.connectTimeout))), read: nil),
            proxy: connection.proxy,
            // Bounded like an uncompressed answer, so a gzip bomb cannot exhaust memory.
            decompression: config.disableCompression ? .disabled : .enabled(limit: .size(options.maximumResponseBytes)))
        configuration.dnsOverride = connection.dnsOverride
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        configuration.redirectConfiguration = .disallow
        let made: HTTPClient? = clients.withLock { clients in
            if let raced = clients.pool[identity] { return raced }
            guard !clients.closed else { return nil }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients.pool[identity] = client
            return client
        }
        guard let made else {
            throw .transport(method: method, url: baseURL, reason: "the client was shut down; make a new KubernetesClient")
        }
        return made
    }

    private func classify(_ error: any Error, request: KubeRequest, timeout: Duration) -> (error: KubeClientError, connectionFailed: Bool) {
        let url = baseURL + request.path
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout:
                return (.timeout(method: request.method, path: request.path, seconds: Self.seconds(timeout)), false)
            case .remoteConnectionClosed:
                return (.transport(method: request.method, url: url, reason: "the server closed the connection"), true)
            default:
                return (.transport(method: request.method, url: url, reason: "\(clientError)"), true)
            }
        }
        if let ssl = error as? NIOSSLError {
            return (.transport(method: request.method, url: url, reason: "TLS handshake failed: \(ssl)"), false)
        }
        if let ssl = error as? BoringSSLError {
            return (.transport(method: request.method, url: url, reason: "TLS failed: \(ssl)"), false)
        }
        if error is CancellationError {
            return (.timeout(method: request.method, path: request.path, seconds: Self.seconds(timeout)), false)
        }
        return (.transport(method: request.method, url: url, reason: "\(error)"), true)
    }

    private func sleep(_ duration: Duration) async throws(KubeClientError) {
        do {
            try await Task.sleep(for: duration)
        } catch {
            throw .timeout(method: "", path: "", seconds: 0)
        }
    }

    static func collect(_ body: HTTPClientResponse.Body, limit: Int) async throws -> [UInt8] {
        var buffer = try await body.collect(upTo: limit)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    static func nioDeadline(_ deadline: ContinuousClock.Instant) -> NIODeadline {
        let remaining = deadline - ContinuousClock.now
        return .now() + .nanoseconds(Int64(max(0, nanoseconds(remaining))))
    }

    static func nanoseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
    }

    static func seconds(_ duration: Duration) -> Double { nanoseconds(duration) / 1e9 }
}
