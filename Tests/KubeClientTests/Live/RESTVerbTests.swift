import Foundation
import InProcessAPIServer
import KarpenterAPI
import Testing
@testable import KubeClient

@Suite("REST verbs against the in-process API server")
struct RESTVerbTests {
    @Test func createGetListWithSelectorsAndFilledInKinds() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                let created = try await client.create(.configMaps, configMap("a", labels: ["app": "web"]))
                #expect(!resourceVersion(of: created).isEmpty)
                _ = try await client.create(.configMaps, configMap("b", labels: ["app": "db"]))
                _ = try await client.create(.configMaps, configMap("c", namespace: "kube-system", labels: ["app": "web"]))
                let web = try await client.list(.configMaps, namespace: nil, options: .init(labelSelector: "app=web"))
                #expect(web.items.map(name) == ["c", "a"] || web.items.map(name) == ["a", "c"])
                #expect(web.items.allSatisfy { $0["kind"]?.stringValue == "ConfigMap" && $0["apiVersion"]?.stringValue == "v1" })
                let notWeb = try await client.list(.configMaps, namespace: "default", options: .init(labelSelector: "app notin (web)"))
                #expect(notWeb.items.map(name) == ["b"])
                let byName = try await client.list(.configMaps, namespace: "default", options: .init(fieldSelector: "metadata.name=b"))
                #expect(byName.items.map(name) == ["b"])
                let fetched = try await client.get(.configMaps, name: "a", namespace: "default")
                #expect(fetched["data"] == created["data"])
            }
        }
    }

    @Test func missingObjectsAndDuplicatesAreTypedErrors() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                do {
                    _ = try await client.get(.nodePools, name: "nope")
                    Issue.record("expected NotFound")
                } catch {
                    #expect(error.kubeStatus?.isNotFound == true)
                    #expect(error.kubeStatus?.message == #"nodepools.karpenter.sh "nope" not found"#)
                }
                _ = try await client.create(.configMaps, configMap("dup"))
                do {
                    _ = try await client.create(.configMaps, configMap("dup"))
                    Issue.record("expected AlreadyExists")
                } catch {
                    #expect(error.kubeStatus?.isAlreadyExists == true)
                    #expect(error.kubeStatus?.code == 409)
                }
            }
        }
    }

    @Test func aStaleUpdateIsAConflictAndAFreshOneWins() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                let original = try await client.create(.configMaps, configMap("cm", data: ["k": "1"]))
                var first = original
                first["data"] = strings(["k": "2"])
                let updated = try await client.update(.configMaps, first)
                #expect(resourceVersion(of: updated) != resourceVersion(of: original))
                var stale = original
                stale["data"] = strings(["k": "3"])
                do {
                    _ = try await client.update(.configMaps, stale)
                    Issue.record("a stale resourceVersion must conflict")
                } catch {
                    #expect(error.kubeStatus?.isConflict == true)
                    #expect(error.kubeStatus?.message.contains("the object has been modified") == true)
                }
                let current = try await client.get(.configMaps, name: "cm")
                #expect(current["data"]?["k"]?.stringValue == "2")
            }
        }
    }

    @Test func mergeAndJSONPatchesAndTheStatusSubresource() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                _ = try await client.create(.configMaps, configMap("cm", data: ["a": "1", "b": "2"]))
                let merged = try await client.patch(.configMaps, name: "cm", .merge(json(#"{"data":{"a":null,"c":"3"}}"#)))
                #expect(merged["data"] == strings(["b": "2", "c": "3"]))
                let patched = try await client.patch(.configMaps, name: "cm", .json([
                    json(#"{"op":"test","path":"/data/b","value":"2"}"#),
                    json(#"{"op":"replace","path":"/data/b","value":"20"}"#),
                ]))
                #expect(patched["data"]?["b"]?.stringValue == "20")
                do {
                    _ = try await client.patch(.configMaps, name: "cm", .json([json(#"{"op":"test","path":"/data/b","value":"x"}"#)]))
                    Issue.record("a failing test operation must refuse the patch")
                } catch {
                    #expect(error.kubeStatus != nil)
                }

                let pool = try await client.create(.nodePools, nodePool("general"))
                var withStatus = pool
                withStatus["status"] = json(#"{"resources":{"cpu":"4"}}"#)
                withStatus["spec"]?["weight"] = .int(50)
                let afterStatus = try await client.updateStatus(.nodePools, withStatus)
                #expect(afterStatus["status"]?["resources"]?["cpu"]?.stringValue == "4")
                #expect(afterStatus["spec"]?["weight"] == nil, "the status subresource ignores spec changes")
                let statusPatched = try await client.patch(.nodePools, name: "general",
                                                           .merge(json(#"{"status":{"resources":{"cpu":"8"}}}"#)), subresource: "status")
                #expect(statusPatched["status"]?["resources"]?["cpu"]?.stringValue == "8")
            }
        }
    }

    @Test func invalidNodePoolsAreRefusedWithTheFieldPath() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                var pool = nodePool("broken")
                pool["spec"]?["weight"] = .int(0)
                do {
                    _ = try await client.create(.nodePools, pool)
                    Issue.record("weight 0 is invalid")
                } catch {
                    let status = try #require(error.kubeStatus)
                    #expect(status.isInvalid)
                    #expect(status.causes.contains { $0.field == "spec.weight" })
                }
            }
        }
    }

    @Test func deleteWithFinalizersPreconditionsAndPropagation() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                let kept = try await client.create(.configMaps, configMap("kept", finalizers: ["example.com/hold"]))
                let result = try await client.delete(.configMaps, name: "kept")
                #expect(result.stillExists)
                #expect(result.object?["metadata"]?["deletionTimestamp"]?.stringValue != nil)
                _ = try await client.patch(.configMaps, name: "kept", .merge(json(#"{"metadata":{"finalizers":null}}"#)))
                do {
                    _ = try await client.get(.configMaps, name: "kept")
                    Issue.record("removing the last finalizer deletes the object")
                } catch {
                    #expect(error.kubeStatus?.isNotFound == true)
                }
                _ = kept

                let guarded = try await client.create(.configMaps, configMap("guarded"))
                do {
                    _ = try await client.delete(.configMaps, name: "guarded", options: .init(preconditionUID: "not-the-uid"))
                    Issue.record("a wrong uid precondition must conflict")
                } catch {
                    #expect(error.kubeStatus?.isConflict == true)
                }
                let uid = guarded["metadata"]?["uid"]?.stringValue
                let gone = try await client.delete(.configMaps, name: "guarded", options: .init(preconditionUID: uid))
                #expect(!gone.stillExists)

                let owner = try await client.create(.configMaps, configMap("owner"))
                var dependent = configMap("dependent")
                dependent["metadata"]?["ownerReferences"] = .array([json("""
                    {"apiVersion":"v1","kind":"ConfigMap","name":"owner","uid":"\(owner["metadata"]?["uid"]?.stringValue ?? "")"}
                    """)])
                _ = try await client.create(.configMaps, dependent)
                _ = try await client.delete(.configMaps, name: "owner", options: .init(propagationPolicy: .background))
                #expect(try await eventually {
                    (try? await client.get(.configMaps, name: "dependent")) == nil
                }, "background propagation removes dependents")
            }
        }
    }

    @Test func evictionHonoursPodDisruptionBudgets() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                _ = try await client.create(.nodes, json(#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}}"#))
                for index in 1...2 {
                    let pod = try await client.create(.pods, runningPod("web-\(index)", labels: ["app": "web"]))
                    try await client.bind(pod: name(of: pod), namespace: "default", toNode: "n1")
                    var ready = try await client.get(.pods, name: "web-\(index)")
                    ready["status"] = json(#"{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}"#)
                    _ = try await client.updateStatus(.pods, ready)
                }
                _ = try await client.create(.podDisruptionBudgets, json("""
                    {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web"},
                     "spec":{"minAvailable":2,"selector":{"matchLabels":{"app":"web"}}}}
                    """))
                do {
                    try await client.evict(pod: "web-1", namespace: "default")
                    Issue.record("the budget allows no disruption")
                } catch {
                    let status = try #require(error.kubeStatus)
                    #expect(status.isTooManyRequests)
                    #expect(status.message.contains("disruption budget"))
                }
                #expect(live.server.requests.filter { $0.path.hasSuffix("/eviction") }.count == 1, "a PDB 429 is not retried by the client")
                _ = try await client.patch(.podDisruptionBudgets, name: "web", .merge(json(#"{"spec":{"minAvailable":1}}"#)))
                #expect(try await eventually {
                    do {
                        try await client.evict(pod: "web-1", namespace: "default")
                        return true
                    } catch { return false }
                })
                let evicted = try await client.get(.pods, name: "web-1")
                #expect(evicted["metadata"]?["deletionTimestamp"]?.stringValue != nil, "a bound pod terminates gracefully")
            }
        }
    }

    @Test func paginationFollowsContinueTokensAndRestartsWhenOneExpires() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                for index in 0..<25 { _ = try await client.create(.configMaps, configMap(String(format: "cm-%02d", index))) }
                let all = try await client.listAll(.configMaps, namespace: "default", pageSize: 10)
                #expect(all.items.count == 25)
                #expect(Set(all.items.map(name)).count == 25)
                let pages = live.server.requests.filter { $0.method == "GET" && $0.path.hasSuffix("/configmaps") }
                #expect(pages.count == 3)

                let first = try await client.list(.configMaps, namespace: "default", options: .init(limit: 10))
                let token = try #require(first.continueToken)
                // As etcd: a compaction past the token's version (a write, then compact) expires it.
                _ = try await client.create(.configMaps, configMap("later"))
                live.server.compactHistory()
                do {
                    _ = try await client.list(.configMaps, namespace: "default", options: .init(limit: 10, continueToken: token))
                    Issue.record("a continue token from before compaction is expired")
                } catch {
                    #expect(error.kubeStatus?.isGone == true)
                }
                let restarted = try await client.listAll(.configMaps, namespace: "default", pageSize: 10)
                #expect(restarted.items.count == 26)
            }
        }
    }

    @Test func throttlingIsRetriedAfterRetryAfterButAFailedCreateIsNot() async throws {
        try await LiveServer.with { live in
            try await live.withClient { client in
                live.server.injectFailures(.tooManyRequests(method: "GET", pathPrefix: "/api/v1/namespaces/default", count: 2,
                                                            retryAfterSeconds: 1))
                let object = try await client.get(.namespaces, name: "default")
                #expect(name(of: object) == "default")
                let statuses = live.server.requests.filter { $0.path == "/api/v1/namespaces/default" }.map(\.status)
                #expect(statuses == [429, 429, 200])

                live.server.injectFailures(InjectedFailure(method: "POST", pathPrefix: "/api/v1/namespaces/default/configmaps",
                                                           count: 1, status: 503))
                do {
                    _ = try await client.create(.configMaps, configMap("once"))
                    Issue.record("a 503 on create is reported, not retried")
                } catch {
                    #expect(error.kubeStatus?.code == 503)
                }
                #expect(live.server.requests.filter { $0.method == "POST" }.count == 1)
            }
        }
    }

    @Test func serverVersionAndAUserAgentThatNamesThePlugin() async throws {
        try await LiveServer.with { live in
            let version = try await live.withClient(options: ClientOptions(userAgent: "kubectl-karpenter/test")) { client in
                try await client.serverVersion()
            }
            #expect(version["gitVersion"]?.stringValue?.hasPrefix("v1.") == true)
        }
    }
}

func nodePool(_ name: String) -> JSONValue {
    json("""
    {"apiVersion":"karpenter.sh/v1","kind":"NodePool","metadata":{"name":"\(name)"},
     "spec":{"template":{"spec":{"nodeClassRef":{"group":"karpenter.azure.com","kind":"AKSNodeClass","name":"default"},
       "requirements":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]}]}}}}
    """)
}

func runningPod(_ name: String, labels: [String: String]) -> JSONValue {
    var pod = json("""
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(name)","namespace":"default"},
     "spec":{"containers":[{"name":"app","image":"nginx"}]}}
    """)
    pod["metadata"]?["labels"] = strings(labels)
    return pod
}
