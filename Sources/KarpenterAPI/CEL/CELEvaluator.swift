/// Evaluates a parsed rule against `self` (and `oldSelf` for transition rules).
struct CELEvaluator {
    var variables: [String: CELValue]

    func evaluate(_ expression: CELExpression) throws -> CELValue {
        switch expression {
        case .literal(let value):
            return value
        case .identifier(let name):
            guard let value = variables[name] else { throw CELError(message: "undeclared reference to '\(name)'") }
            return value
        case .list(let items):
            return .list(try items.map(evaluate))
        case .select(let target, let field):
            guard case .map(let dict) = try evaluate(target) else {
                throw CELError(message: "cannot select field '\(field)' from a non-object")
            }
            guard let value = dict[field] else { throw CELError(message: "no such key: \(field)") }
            return value
        case .has(let target, let field):
            guard case .map(let dict) = try evaluate(target) else {
                throw CELError(message: "has() on a non-object")
            }
            return .bool(dict[field] != nil)
        case .index(let target, let index):
            return try indexValue(try evaluate(target), try evaluate(index))
        case .unary(let op, let operand):
            let value = try evaluate(operand)
            switch (op, value) {
            case ("!", .bool(let flag)): return .bool(!flag)
            case ("-", .int(let number)): return .int(-number)
            case ("-", .double(let number)): return .double(-number)
            default: throw CELError(message: "no such overload: \(op)\(value.typeName)")
            }
        case .conditional(let condition, let whenTrue, let whenFalse):
            return try requireBool(try evaluate(condition)) ? try evaluate(whenTrue) : try evaluate(whenFalse)
        case .binary(let op, let left, let right):
            return try binary(op, left, right)
        case .comprehension(let target, let macro, let variable, let body):
            return try comprehension(try evaluate(target), macro: macro, variable: variable, body: body)
        case .call(let target, let function, let arguments):
            let receiver = try target.map(evaluate)
            return try CELFunctions.call(function, receiver: receiver, arguments: try arguments.map(evaluate))
        }
    }

    private func requireBool(_ value: CELValue) throws -> Bool {
        guard case .bool(let flag) = value else { throw CELError(message: "expected a bool, got \(value.typeName)") }
        return flag
    }

    private func indexValue(_ target: CELValue, _ index: CELValue) throws -> CELValue {
        switch (target, index) {
        case (.list(let items), .int(let position)):
            guard position >= 0, Int(position) < items.count else {
                throw CELError(message: "index out of bounds: \(position)")
            }
            return items[Int(position)]
        case (.map(let dict), .string(let key)):
            guard let value = dict[key] else { throw CELError(message: "no such key: \(key)") }
            return value
        default:
            throw CELError(message: "no such overload: \(target.typeName)[\(index.typeName)]")
        }
    }

    private func binary(_ op: String, _ left: CELExpression, _ right: CELExpression) throws -> CELValue {
        // CEL's && and || are commutative with respect to errors: a definite answer on
        // either side wins over an error on the other.
        if op == "&&" || op == "||" {
            let short = op == "||"
            let leftResult = Result { try requireBool(try evaluate(left)) }
            if case .success(short) = leftResult { return .bool(short) }
            let rightResult = Result { try requireBool(try evaluate(right)) }
            if case .success(short) = rightResult { return .bool(short) }
            _ = try leftResult.get()
            _ = try rightResult.get()
            return .bool(!short)
        }
        let lhs = try evaluate(left)
        let rhs = try evaluate(right)
        switch op {
        case "==": return .bool(lhs.celEquals(rhs))
        case "!=": return .bool(!lhs.celEquals(rhs))
        case "in":
            switch rhs {
            case .list(let items): return .bool(items.contains { $0.celEquals(lhs) })
            case .map(let dict):
                guard case .string(let key) = lhs else { return .bool(false) }
                return .bool(dict[key] != nil)
            default: throw CELError(message: "no such overload: in \(rhs.typeName)")
            }
        case "<", "<=", ">", ">=":
            let order = try compare(lhs, rhs)
            switch op {
            case "<": return .bool(order < 0)
            case "<=": return .bool(order <= 0)
            case ">": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case "+":
            switch (lhs, rhs) {
            case (.int(let a), .int(let b)):
                let (sum, overflow) = a.addingReportingOverflow(b)
                if overflow { throw CELError(message: "integer overflow") }
                return .int(sum)
            case (.double(let a), .double(let b)): return .double(a + b)
            case (.string(let a), .string(let b)): return .string(a + b)
            case (.list(let a), .list(let b)): return .list(a + b)
            default: throw CELError(message: "no such overload: \(lhs.typeName) + \(rhs.typeName)")
            }
        case "-":
            switch (lhs, rhs) {
            case (.int(let a), .int(let b)):
                let (difference, overflow) = a.subtractingReportingOverflow(b)
                if overflow { throw CELError(message: "integer overflow") }
                return .int(difference)
            case (.double(let a), .double(let b)): return .double(a - b)
            default: throw CELError(message: "no such overload: \(lhs.typeName) - \(rhs.typeName)")
            }
        case "*", "/", "%":
            return try multiplicative(op, lhs, rhs)
        default:
            throw CELError(message: "unsupported operator \(op)")
        }
    }

    private func multiplicative(_ op: String, _ lhs: CELValue, _ rhs: CELValue) throws -> CELValue {
        switch (op, lhs, rhs) {
        case ("*", .int(let a), .int(let b)):
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if overflow { throw CELError(message: "integer overflow") }
            return .int(product)
        case ("/", .int(let a), .int(let b)):
            if b == 0 { throw CELError(message: "division by zero") }
            let (quotient, overflow) = a.dividedReportingOverflow(by: b)
            if overflow { throw CELError(message: "integer overflow") }
            return .int(quotient)
        case ("%", .int(let a), .int(let b)):
            if b == 0 { throw CELError(message: "modulus by zero") }
            let (remainder, overflow) = a.remainderReportingOverflow(dividingBy: b)
            if overflow { throw CELError(message: "integer overflow") }
            return .int(remainder)
        case ("*", .double(let a), .double(let b)): return .double(a * b)
        case ("/", .double(let a), .double(let b)): return .double(a / b)
        default: throw CELError(message: "no such overload: \(lhs.typeName) \(op) \(rhs.typeName)")
        }
    }

    private func compare(_ lhs: CELValue, _ rhs: CELValue) throws -> Int {
        func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return order(a, b)
        case (.double(let a), .double(let b)): return order(a, b)
        case (.int(let a), .double(let b)): return order(Double(a), b)
        case (.double(let a), .int(let b)): return order(a, Double(b))
        case (.string(let a), .string(let b)):
            // Go compares strings byte-wise, which for UTF-8 is code-point order.
            if a.unicodeScalars.elementsEqual(b.unicodeScalars) { return 0 }
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : 1
        case (.bool(let a), .bool(let b)): return order(a ? 1 : 0, b ? 1 : 0)
        default: throw CELError(message: "no such overload: \(lhs.typeName) < \(rhs.typeName)")
        }
    }

    private func comprehension(_ target: CELValue, macro: String, variable: String, body: CELExpression) throws -> CELValue {
        let elements: [CELValue]
        switch target {
        case .list(let items): elements = items
        case .map(let dict): elements = dict.keys.map(CELValue.string)
        default: throw CELError(message: "\(macro)() needs a list or map, got \(target.typeName)")
        }
        let wantAll = macro == "all"
        var firstError: Error?
        for element in elements {
            var scope = self
            scope.variables[variable] = element
            do {
                let result = try requireBool(try scope.evaluate(body))
                if result != wantAll { return .bool(!wantAll) }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        return .bool(wantAll)
    }
}
