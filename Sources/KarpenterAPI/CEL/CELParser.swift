/// A precedence-climbing parser for the CEL subset used by CRD validation rules:
/// `?:`, `||`, `&&`, relations (`==`, `!=`, `<`, `<=`, `>`, `>=`, `in`), `+`/`-`, unary `!`/`-`,
/// member access, calls, indexing, list literals (trailing commas allowed) and the
/// `has`, `all`, `exists` macros.
struct CELParser {
    private var tokens: [CELLexer.Token]
    private var position = 0

    static func parse(_ source: String) throws -> CELExpression {
        var parser = CELParser(tokens: try CELLexer.tokenize(source))
        let expression = try parser.parseConditional()
        guard parser.peek == .end else { throw CELError(message: "unexpected trailing input in rule") }
        return expression
    }

    private init(tokens: [CELLexer.Token]) { self.tokens = tokens }

    private var peek: CELLexer.Token { tokens[position] }

    private mutating func advance() -> CELLexer.Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func expect(_ symbol: String) throws {
        guard advance() == .symbol(symbol) else { throw CELError(message: "expected '\(symbol)'") }
    }

    private mutating func accept(_ symbol: String) -> Bool {
        if peek == .symbol(symbol) { position += 1; return true }
        return false
    }

    private mutating func parseConditional() throws -> CELExpression {
        let condition = try parseBinary(level: 0)
        guard accept("?") else { return condition }
        let whenTrue = try parseConditional()
        try expect(":")
        let whenFalse = try parseConditional()
        return .conditional(condition, whenTrue, whenFalse)
    }

    private static let levels: [[String]] = [
        ["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">=", "in"], ["+", "-"], ["*", "/", "%"],
    ]

    private mutating func parseBinary(level: Int) throws -> CELExpression {
        guard level < Self.levels.count else { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        while true {
            let op: String
            switch peek {
            case .symbol(let symbol) where Self.levels[level].contains(symbol): op = symbol
            case .identifier("in") where Self.levels[level].contains("in"): op = "in"
            default: return left
            }
            _ = advance()
            let right = try parseBinary(level: level + 1)
            left = .binary(op, left, right)
        }
    }

    private mutating func parseUnary() throws -> CELExpression {
        if accept("!") { return .unary("!", try parseUnary()) }
        if accept("-") { return .unary("-", try parseUnary()) }
        return try parsePostfix(try parsePrimary())
    }

    private mutating func parsePostfix(_ base: CELExpression) throws -> CELExpression {
        var expression = base
        while true {
            if accept(".") {
                guard case .identifier(let name) = advance() else { throw CELError(message: "expected a name after '.'") }
                if accept("(") {
                    if name == "all" || name == "exists" {
                        guard case .identifier(let variable) = advance() else {
                            throw CELError(message: "expected a variable in \(name)()")
                        }
                        try expect(",")
                        let body = try parseConditional()
                        try expect(")")
                        expression = .comprehension(target: expression, macro: name, variable: variable, body: body)
                    } else {
                        expression = .call(target: expression, function: name, arguments: try parseArguments())
                    }
                } else {
                    expression = .select(expression, name)
                }
            } else if accept("[") {
                let index = try parseConditional()
                try expect("]")
                expression = .index(expression, index)
            } else {
                return expression
            }
        }
    }

    private mutating func parseArguments() throws -> [CELExpression] {
        var arguments: [CELExpression] = []
        if accept(")") { return arguments }
        repeat {
            arguments.append(try parseConditional())
        } while accept(",")
        try expect(")")
        return arguments
    }

    private mutating func parsePrimary() throws -> CELExpression {
        switch advance() {
        case .int(let value): return .literal(.int(value))
        case .double(let value): return .literal(.double(value))
        case .string(let value): return .literal(.string(value))
        case .identifier("true"): return .literal(.bool(true))
        case .identifier("false"): return .literal(.bool(false))
        case .identifier("null"): return .literal(.null)
        case .identifier("has"):
            try expect("(")
            let argument = try parseConditional()
            try expect(")")
            guard case .select(let target, let field) = argument else {
                throw CELError(message: "has() needs a field selection")
            }
            return .has(target, field)
        case .identifier(let name):
            if accept("(") { return .call(target: nil, function: name, arguments: try parseArguments()) }
            return .identifier(name)
        case .symbol("("):
            let inner = try parseConditional()
            try expect(")")
            return inner
        case .symbol("["):
            var items: [CELExpression] = []
            while !accept("]") {
                items.append(try parseConditional())
                if !accept(",") { try expect("]"); break }
            }
            return .list(items)
        default:
            throw CELError(message: "unexpected token in rule")
        }
    }
}
