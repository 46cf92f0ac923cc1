@testable import InProcessAPIServer
import KarpenterAPI
import Testing

/// The patch algorithms on plain documents.
@Suite struct PatchDocumentTests {
    private let document = Fixtures.yaml("{a: {b: 1, c: [1, 2]}, 'x/y': {'m~n': true}}")

    @Test func jsonPointersUnescapeTildeAndSlash() throws {
        let patched = try JSONPatch.apply(Fixtures.yaml("[{op: replace, path: /x~1y/m~0n, value: false}]"), to: document)
        #expect(patched["x/y"]?["m~n"] == .bool(false))
    }

    @Test func moveCopyAndArrayIndexes() throws {
        let operations = Fixtures.yaml("""
        - {op: copy, from: /a/c, path: /d}
        - {op: move, from: /a/b, path: /e}
        - {op: add, path: /d/0, value: 0}
        - {op: remove, path: /a/c/1}
        """)
        let patched = try JSONPatch.apply(operations, to: document)
        #expect(patched["d"] == Fixtures.yaml("[0, 1, 2]"))
        #expect(patched["e"] == .number("1"))
        #expect(patched["a"] == Fixtures.yaml("{c: [1]}"))
    }

    @Test func failingOperationsAre422AndMalformedPatches400() {
        #expect(throws: APIError.self) { try JSONPatch.apply(Fixtures.yaml("[{op: remove, path: /nope}]"), to: document) }
        do {
            _ = try JSONPatch.apply(Fixtures.yaml("[{op: test, path: /a/b, value: 2}]"), to: document)
            Issue.record("the test operation should fail")
        } catch {
            #expect(error.code == 422)
            #expect(error.causes.first?.message == "testing value /a/b failed: test failed")
        }
        do {
            _ = try JSONPatch.apply(Fixtures.yaml("{op: add}"), to: document)
            Issue.record("a patch that is not a list should fail")
        } catch {
            #expect(error.code == 400)
        }
    }

    @Test func mergePatchReplacesListsAndDeletesNulls() {
        let patched = MergePatch.apply(Fixtures.yaml("{a: {b: null, c: [3]}, z: {n: 1}}"), to: document)
        #expect(patched["a"] == Fixtures.yaml("{c: [3]}"))
        #expect(patched["z"] == Fixtures.yaml("{n: 1}"))
        #expect(patched["x/y"] == document["x/y"])
    }

    @Test func strategicMergeDirectives() throws {
        let original = Fixtures.yaml("{spec: {template: {spec: {containers: [{name: a, image: x, args: [one]}], volumes: [{name: v1}, {name: v2}]}}}, metadata: {labels: {k: v, j: w}}}")
        let replaceList = try StrategicMergePatch.apply(
            Fixtures.yaml("{spec: {template: {spec: {volumes: [{name: v3}, {$patch: replace}]}}}}"), to: original, kind: "Deployment")
        #expect(replaceList["spec"]?["template"]?["spec"]?["volumes"] == Fixtures.yaml("[{name: v3}]"))
        let replaceMap = try StrategicMergePatch.apply(Fixtures.yaml("{metadata: {labels: {$patch: replace, only: this}}}"), to: original, kind: "Deployment")
        #expect(replaceMap["metadata"]?["labels"] == Fixtures.yaml("{only: this}"))
        let retain = try StrategicMergePatch.apply(Fixtures.yaml("{metadata: {labels: {$retainKeys: [k], k: v2}}}"), to: original, kind: "Deployment")
        #expect(retain["metadata"]?["labels"] == Fixtures.yaml("{k: v2}"))
        let args = try StrategicMergePatch.apply(
            Fixtures.yaml("{spec: {template: {spec: {containers: [{name: a, args: [two]}]}}}}"), to: original, kind: "Deployment")
        // Container args have no strategy: replaced inside the merged container.
        #expect(args["spec"]?["template"]?["spec"]?["containers"] == Fixtures.yaml("[{name: a, image: x, args: [two]}]"))
    }
}
