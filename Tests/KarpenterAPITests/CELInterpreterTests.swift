import XCTest
@testable import KarpenterAPI

/// The CEL subset our CRD rules use, evaluated as cel-go evaluates it.
final class CELInterpreterTests: XCTestCase {
    private func eval(_ source: String, _ variables: [String: String] = [:],
                      file: StaticString = #filePath, line: UInt = #line) throws -> CELValue {
        let expression = try CELParser.parse(source)
        var scope: [String: CELValue] = [:]
        for (name, flow) in variables { scope[name] = CELValue(Fixtures.value(flow, file: file, line: line)) }
        return try CELEvaluator(variables: scope).evaluate(expression)
    }

    private func assertTrue(_ source: String, _ variables: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try eval(source, variables, file: file, line: line), .bool(true), source, file: file, line: line)
    }

    private func assertFalse(_ source: String, _ variables: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try eval(source, variables, file: file, line: line), .bool(false), source, file: file, line: line)
    }

    private func assertError(_ source: String, _ variables: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try eval(source, variables, file: file, line: line), source, file: file, line: line)
    }

    private func assertParseError(_ source: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try CELParser.parse(source), source, file: file, line: line)
    }

    func testPrecedence() throws {
        assertTrue("true || false && false")
        assertFalse("(true || false) && false")
        assertFalse("!true || false")
        assertTrue("!(true && false)")
        assertTrue("1 + 2 == 3 && 2 < 3")
        assertTrue("2 + 3 * 4 == 14")
        assertTrue("(2 + 3) * 4 == 20")
        assertTrue("10 - 2 - 3 == 5")
        assertTrue("7 / 2 == 3 && 7 % 2 == 1")
        assertTrue("-2 + 5 == 3")
        assertTrue("1 < 2 == true")
        assertTrue("'a' + 'b' == 'ab'")
        assertTrue("!false == true")
        XCTAssertEqual(try eval("1 + 2 * 3 - 4 / 2"), .int(5))
        assertError("1 / 0")
        assertError("1 % 0")
        assertError("9223372036854775807 + 1")
    }

    func testTernary() throws {
        XCTAssertEqual(try eval("true ? 1 : 2"), .int(1))
        XCTAssertEqual(try eval("false ? 1 : 2"), .int(2))
        XCTAssertEqual(try eval("false ? 1 : true ? 2 : 3"), .int(2), "the conditional is right-associative")
        XCTAssertEqual(try eval("1 < 2 && false ? 'a' : 'b'"), .string("b"), "?: binds loosest")
        XCTAssertEqual(try eval("true ? 1 : int('x')"), .int(1), "the branch not taken is not evaluated")
        assertError("1 ? 2 : 3")
        assertError("int('x') == 1 ? true : true")
    }

    func testInOnListsAndMaps() {
        assertTrue("'a' in ['a', 'b']")
        assertFalse("'c' in ['a', 'b']")
        assertFalse("'a' in []")
        assertTrue("3 in [1, 2, 3]")
        assertTrue("1 in [1.0]", [:])
        assertTrue("'nodes' in self", ["self": "{nodes: 10}"])
        assertFalse("'cpu' in self", ["self": "{nodes: 10}"])
        assertFalse("'nodes' in self", ["self": "{}"])
        assertError("'a' in 'abc'")
    }

    func testAllAndExistsOnLists() {
        assertTrue("[1, 2, 3].all(x, x > 0)")
        assertFalse("[1, 2, 3].all(x, x > 1)")
        assertTrue("[1, 2, 3].exists(x, x > 2)")
        assertFalse("[1, 2, 3].exists(x, x > 3)")
        assertTrue("[].all(x, false)")
        assertFalse("[].exists(x, true)")
        assertTrue("['.', 'cluster.local'].all(z, self.exists(x, x.zone == z))", ["self": "[{zone: .}, {zone: cluster.local}]"])
        assertFalse("['.', 'cluster.local'].all(z, self.exists(x, x.zone == z))", ["self": "[{zone: .}]"])
        // An error is absorbed when another element decides the answer, and surfaces otherwise.
        assertTrue("['a', '1'].exists(x, int(x) == 1)")
        assertFalse("['a', '-1'].all(x, int(x) >= 0)")
        assertError("['a', '1'].all(x, int(x) >= 0)")
        assertError("['a', '2'].exists(x, int(x) == 1)")
        assertError("[1, 2].all(x, x)")
    }

    func testAllAndExistsOnMapsIterateKeys() {
        let map = ["self": "{a: 1, b: 2}"]
        assertTrue("self.all(k, self[k] > 0)", map)
        assertTrue("self.exists(k, k == 'b')", map)
        assertFalse("self.exists(k, k == 'c')", map)
        assertTrue("self.all(k, size(k) == 1)", map)
        assertError("5.all(x, true)")
    }

    func testHas() {
        let object = ["self": "{a: {b: 1}, list: [], flag: false}"]
        assertTrue("has(self.a)", object)
        assertFalse("has(self.c)", object)
        assertTrue("has(self.a.b)", object)
        assertFalse("has(self.a.c)", object)
        assertTrue("has(self.list) && has(self.flag)", object, )
        assertError("has(self.c.d)", object)
        assertFalse("has(self.c) && has(self.c.d)", object)
        assertParseError("has(self)")
    }

    func testFieldAndIndexAccessErrors() {
        let object = ["self": "{a: 1, list: [x]}"]
        assertError("self.b == 1", object)
        assertError("self.list[1] == 'x'", object)
        assertTrue("self.list[0] == 'x'", object)
        assertTrue("self['a'] == 1", object)
        assertError("self['b'] == 1", object)
        assertError("self.a.b == 1", object)
        assertError("unknown == 1")
    }

    func testStringFunctions() throws {
        assertTrue("'cluster.local'.endsWith('local')")
        assertTrue("'foocluster.local'.endsWith('cluster.local')")
        assertFalse("'cluster.local.'.endsWith('cluster.local')")
        assertTrue("'karpenter.sh/x'.startsWith('karpenter')")
        assertTrue("'a\\\\b'.contains('\\\\')")
        assertTrue("'abc'.contains('')")
        assertFalse("'abc'.contains('d')")
        assertTrue("'abc'.matches('b')", [:])
        assertFalse("'abc'.matches('^b')")
        assertTrue("'a<b'.matches('[<>%&?]')")
        assertFalse("'ab'.matches('[<>%&?]')")
        XCTAssertEqual(try eval("'mykarpenter.sh/x'.find('^([^/]+)')"), .string("mykarpenter.sh"))
        XCTAssertEqual(try eval("'/x'.find('^([^/]+)')"), .string(""))
        XCTAssertEqual(try eval("'1024 65535'.split(' ')"), .list([.string("1024"), .string("65535")]))
        XCTAssertEqual(try eval("'1024'.split(' ')"), .list([.string("1024")]))
        XCTAssertEqual(try eval("'a  b'.split(' ')"), .list([.string("a"), .string(""), .string("b")]))
        XCTAssertEqual(try eval("size('abc')"), .int(3))
        XCTAssertEqual(try eval("'abc'.size()"), .int(3))
        XCTAssertEqual(try eval("size('h\u{00e9}llo')"), .int(5))
        XCTAssertEqual(try eval("size('e\u{0301}')"), .int(2), "size counts code points, not grapheme clusters")
        XCTAssertEqual(try eval("'AbC-\u{00c4}'.lowerAscii()"), .string("abc-\u{00c4}"), "only ASCII letters are lowered")
        XCTAssertEqual(try eval("size([1, 2]) + size(self)", ["self": "{a: 1}"]), .int(3))
        assertError("'abc'.endsWith(1)")
        assertError("'abc'.nosuchfunction()")
    }

    func testStringsCompareByCodePoint() {
        // CEL (like Go) does not apply Unicode canonical equivalence.
        assertFalse("'\u{00e9}' == 'e\u{0301}'")
        assertTrue("'\u{00e9}' != 'e\u{0301}'")
        assertTrue("'x\\\\\u{0301}'.contains('\\\\')")
        assertTrue("'a\u{0301}'.startsWith('a')")
        assertTrue("'e\u{0301}'.endsWith('\u{0301}')")
        assertTrue("'a' < 'b' && 'B' < 'a' && 'z' < '\u{00e9}'")
        assertTrue("['\u{00e9}'].exists(x, x == '\u{00e9}')")
        assertFalse("'e\u{0301}' in ['\u{00e9}']")
    }

    func testRegexUsesRE2Semantics() {
        assertFalse("'50Mi\\n'.matches('^[0-9]+Mi$')", [:])
        assertFalse("'\u{0665}'.matches('^\\\\d$')")
        assertTrue("'5'.matches('^\\\\d$')")
        assertTrue("'a\\rb'.matches('^a.b$')")
        assertFalse("'a\\nb'.matches('^a.b$')")
        assertFalse("'a\u{00a0}b'.matches('a\\\\sb')")
        assertTrue("'a\\tb'.matches('a\\\\sb')")
        assertTrue("'ABC'.matches('(?i)^abc$')")
        assertTrue("'a]'.matches('[]a]+')")
        assertTrue("'[x'.matches('^[[]x$')")
        assertError("'a'.matches('(')")
    }

    func testIntConversion() throws {
        XCTAssertEqual(try eval("int('42')"), .int(42))
        XCTAssertEqual(try eval("int('-7')"), .int(-7))
        XCTAssertEqual(try eval("int('0042')"), .int(42))
        XCTAssertEqual(try eval("int(3.9)"), .int(3))
        XCTAssertEqual(try eval("int(7)"), .int(7))
        for bad in ["'abc'", "''", "'4.5'", "'99999999999999999999'", "' 5'", "'0x10'", "true", "[1]"] {
            assertError("int(\(bad))")
        }
        XCTAssertEqual(try eval("string(5)"), .string("5"))
    }

    func testTrailingCommaInListLiterals() throws {
        XCTAssertEqual(try eval("[1, 2, 3,].size()"), .int(3))
        assertTrue("'hostedvm' in ['mode', 'hostedvm', ]")
        assertTrue("[].size() == 0 && [1,].size() == 1")
        assertParseError("[,]")
        assertParseError("[1,,2]")
        assertParseError("[1, 2")
    }

    func testParseErrors() {
        assertParseError("1 +")
        assertParseError("(1")
        assertParseError("'unterminated")
        assertParseError("a.all(1, true)")
        assertParseError("true false")
        assertParseError("x.")
    }

    func testAndOrAreCommutativeForErrors() {
        let failing = "int('x') == 1"
        assertFalse("\(failing) && false")
        assertFalse("false && \(failing)")
        assertTrue("\(failing) || true")
        assertTrue("true || \(failing)")
        assertError("\(failing) && true")
        assertError("true && \(failing)")
        assertError("\(failing) || false")
        assertError("false || \(failing)")
        assertError("\(failing) && \(failing)")
        // Non-boolean operands are errors too, and absorbed the same way.
        assertFalse("1 && false")
        assertTrue("true || 'x'")
        assertError("1 && true")
        // Missing fields guarded on either side.
        assertFalse("self.missing == 1 && has(self.missing)", ["self": "{a: 1}"])
        assertTrue("has(self.a) || self.missing", ["self": "{a: 1}"])
    }

    func testEquality() {
        assertTrue("[1, 2] == [1, 2]")
        assertFalse("[1, 2] == [2, 1]")
        assertTrue("1 == 1.0")
        assertFalse("1 == '1'")
        assertTrue("self == other", ["self": "{a: 1, b: [x]}", "other": "{b: [x], a: 1}"])
        assertFalse("self == other", ["self": "{a: 1}", "other": "{a: 1, b: 2}"])
        assertTrue("null == null")
    }

    func testEveryRuleOfOurCRDsParses() {
        var count = 0
        for schema in SchemaRegistry.all {
            func visit(_ node: SchemaNode) {
                count += node.rules.count
                node.properties.values.forEach(visit)
                node.items.map(visit)
                node.mapValues.map(visit)
            }
            visit(schema.root)
        }
        XCTAssertGreaterThan(count, 60)
    }
}
