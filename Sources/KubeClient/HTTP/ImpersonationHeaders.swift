/// kubectl's `--as`, `--as-group`, `--as-uid` and kubeconfig `as*` fields, as request headers.
enum ImpersonationHeaders {
    static func headers(_ impersonation: RESTConfig.Impersonation?) -> [(String, String)] {
        guard let impersonation else { return [] }
        var headers: [(String, String)] = []
        if let user = impersonation.user { headers.append(("Impersonate-User", user)) }
        if let uid = impersonation.uid { headers.append(("Impersonate-Uid", uid)) }
        for group in impersonation.groups { headers.append(("Impersonate-Group", group)) }
        for (key, values) in impersonation.extra.sorted(by: { $0.key < $1.key }) {
            for value in values { headers.append(("Impersonate-Extra-\(PathEscaping.segment(key))", value)) }
        }
        return headers
    }
}
