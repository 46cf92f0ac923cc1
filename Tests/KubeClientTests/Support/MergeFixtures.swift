import KubeClient

/// Three kubeconfigs that disagree on purpose: `shared*` names exist in both a and b.
enum MergeFixtures {
    static let home = "/home/dev"
    static let a = "/home/dev/.kube/a.yaml"
    static let b = "/home/dev/.kube/b.yaml"
    static let homeConfig = "/home/dev/.kube/config"

    static let aText = """
        apiVersion: v1
        kind: Config
        current-context: a-ctx
        clusters:
        - name: shared
          cluster: {server: "https://a.example:6443"}
        - name: only-a
          cluster: {server: "https://only-a.example"}
        contexts:
        - name: a-ctx
          context: {cluster: shared, user: shared-user, namespace: team-a}
        - name: shared-ctx
          context: {cluster: shared, user: shared-user}
        users:
        - name: shared-user
          user: {token: token-a}
        """

    static let bText = """
        current-context: b-ctx
        clusters:
        - name: shared
          cluster: {server: "https://b.example:6443"}
        - name: only-b
          cluster: {server: "https://only-b.example"}
        contexts:
        - name: b-ctx
          context: {cluster: only-b, user: b-user, namespace: team-b}
        - name: shared-ctx
          context: {cluster: only-b, user: b-user, namespace: from-b}
        users:
        - name: shared-user
          user: {token: token-b}
        - name: b-user
          user: {token: token-b-user}
        """

    static let homeText = """
        current-context: home
        clusters:
        - {name: home, cluster: {server: "https://home.example"}}
        contexts:
        - {name: home, context: {cluster: home, user: me}}
        users:
        - {name: me, user: {token: token-home}}
        """

    static func files() -> InMemoryFileSource {
        InMemoryFileSource([a: aText, b: bText, homeConfig: homeText])
    }
}
