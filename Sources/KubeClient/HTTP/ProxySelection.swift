import AsyncHTTPClient
import Foundation

/// Which proxy a connection goes through, as Go's transport decides: the kubeconfig's
/// `proxy-url` when set, else `HTTPS_PROXY`/`HTTP_PROXY` (by the server's scheme) unless
/// `NO_PROXY` names the host. http:// proxies are used with CONNECT, socks5:// directly.
enum ProxySelection {
    static func proxy(for server: URL, configured: URL?, environment: [String: String]) throws(KubeClientError) -> HTTPClient.Configuration.Proxy? {
        if let configured { return try make(configured) }
        let secure = server.scheme?.lowercased() == "https"
        let names = secure ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
        guard let value = names.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        let noProxy = environment["NO_PROXY"] ?? environment["no_proxy"] ?? ""
        if let host = server.host, bypasses(host: host, port: server.port, noProxy: noProxy) { return nil }
        let text = value.contains("://") ? value : "http://" + value
        guard let url = URL(string: text) else {
            throw .transport(method: "CONNECT", url: value, reason: "the proxy address in the environment is not a URL")
        }
        return try make(url)
    }

    static func make(_ url: URL) throws(KubeClientError) -> HTTPClient.Configuration.Proxy {
        guard let host = url.host, !host.isEmpty else {
            throw .transport(method: "CONNECT", url: url.absoluteString, reason: "the proxy URL has no host")
        }
        switch url.scheme?.lowercased() {
        case "http", "https":
            let authorization = url.user.map { user in
                HTTPClient.Authorization.basic(username: user.removingPercentEncoding ?? user,
                                               password: url.password?.removingPercentEncoding ?? "")
            }
            return .server(host: host, port: url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80),
                           authorization: authorization)
        case "socks5", "socks5h":
            return .socksServer(host: host, port: url.port ?? 1080)
        default:
            throw .transport(method: "CONNECT", url: url.absoluteString,
                             reason: "proxy scheme \(url.scheme ?? "none") is not supported (use http, https or socks5)")
        }
    }

    /// NO_PROXY: comma-separated hosts, `.domain` or `domain` suffixes, `host:port`, or `*`.
    static func bypasses(host: String, port: Int?, noProxy: String) -> Bool {
        let host = host.lowercased()
        for raw in noProxy.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.isEmpty { continue }
            if entry == "*" { return true }
            if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":"),
               let entryPort = Int(entry[entry.index(after: colon)...]) {
                if entryPort != port { continue }
                entry = String(entry[..<colon])
            }
            if entry.hasPrefix(".") { entry.removeFirst() }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }
}
