import Foundation
import OrderedCollections

/// Checks a value against the OpenAPI keywords of a structural schema, as the API server
/// does before it runs any CEL rule: types, formats, enums, patterns, bounds, lengths,
/// required fields, list uniqueness, and (like `kubectl apply --validate=strict`) unknown fields.
struct StructuralValidator {
    private(set) var issues: [ValidationIssue] = []

    mutating func validate(_ value: JSONValue, _ schema: SchemaNode, at path: FieldPath) {
        if value.isNull {
            // Nulls of fields and map values were pruned (or defaulted) before validation;
            // what is left here (a list item, the root) fails the type check like any other
            // wrong type, unless the schema is nullable or untyped.
            if schema.nullable { return }
            if schema.type == nil && !schema.intOrString && schema.anyOfTypes.isEmpty { return }
        }
        guard checkType(value, schema, at: path) else { return }
        checkEnum(value, schema, at: path)
        switch value {
        case .string(let text): checkString(text, schema, at: path)
        case .number: checkNumber(value, schema, at: path)
        case .array(let items): checkArray(items, schema, at: path)
        case .object(let dict): checkObject(dict, schema, at: path)
        default: break
        }
    }

    private mutating func report(_ reason: ValidationIssue.Reason, _ path: FieldPath, _ message: String, hint: String? = nil) {
        issues.append(.error(reason, path, message, hint: hint))
    }

    private mutating func checkType(_ value: JSONValue, _ schema: SchemaNode, at path: FieldPath) -> Bool {
        let allowed: [String]
        if schema.intOrString || !schema.anyOfTypes.isEmpty {
            allowed = schema.intOrString ? ["integer", "string"] : schema.anyOfTypes
        } else if let type = schema.type {
            allowed = [type]
        } else {
            return true
        }
        let actual = value.typeName
        let fits = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
        if !fits {
            report(.typeInvalid, path,
                   "Invalid value: \"\(actual)\": \(path) in body must be of type \(allowed.joined(separator: "/")): \"\(actual)\"",
                   hint: "write a \(allowed.joined(separator: " or ")) here")
        }
        return fits
    }

    private mutating func checkEnum(_ value: JSONValue, _ schema: SchemaNode, at path: FieldPath) {
        guard let options = schema.enumValues, !options.contains(value) else { return }
        let supported = options.map(Self.render).joined(separator: ", ")
        var hint = "use one of \(supported)"
        if case .string(let text) = value,
           let close = options.compactMap(\.stringValue).first(where: { $0.lowercased() == text.lowercased() }) {
            hint = "values are case-sensitive: write \"\(close)\""
        }
        report(.notSupported, path, "Unsupported value: \(Self.render(value)): supported values: \(supported)", hint: hint)
    }

    private mutating func checkString(_ text: String, _ schema: SchemaNode, at path: FieldPath) {
        let length = text.unicodeScalars.count
        if let maxLength = schema.maxLength, length > maxLength {
            report(.tooLong, path, "Too long: may not be more than \(maxLength) bytes", hint: "shorten it to \(maxLength) characters or fewer")
        }
        if let minLength = schema.minLength, length < minLength {
            report(.invalid, path, "Invalid value: \"\(text)\": \(path) in body should be at least \(minLength) chars long")
        }
        if let pattern = schema.pattern, (try? RE2Syntax.matches(pattern, text)) != true {
            report(.invalid, path, "Invalid value: \"\(text)\": \(path) in body should match '\(pattern)'",
                   hint: PatternHints.hint(for: pattern))
        }
        if schema.format == "date-time", !Self.isRFC3339(text) {
            report(.invalid, path, "Invalid value: \"\(text)\": \(path) in body must be of type date-time: \"\(text)\"",
                   hint: "write an RFC 3339 timestamp such as 2026-01-02T15:04:05Z")
        }
    }

    private mutating func checkNumber(_ value: JSONValue, _ schema: SchemaNode, at path: FieldPath) {
        guard let number = value.doubleValue else { return }
        let shown = Self.render(value)
        if let minimum = schema.minimum {
            if schema.exclusiveMinimum ? number <= minimum : number < minimum {
                report(.invalid, path, "Invalid value: \(shown): \(path) in body should be greater than \(schema.exclusiveMinimum ? "" : "or equal to ")\(Self.render(minimum))")
            }
        }
        if let maximum = schema.maximum {
            if schema.exclusiveMaximum ? number >= maximum : number > maximum {
                report(.invalid, path, "Invalid value: \(shown): \(path) in body should be less than \(schema.exclusiveMaximum ? "" : "or equal to ")\(Self.render(maximum))")
            }
        }
    }

    private mutating func checkArray(_ items: [JSONValue], _ schema: SchemaNode, at path: FieldPath) {
        if let maxItems = schema.maxItems, items.count > maxItems {
            report(.tooMany, path, "Too many: \(items.count): must have at most \(maxItems) items", hint: "remove \(items.count - maxItems) item(s)")
        }
        if let minItems = schema.minItems, items.count < minItems {
            report(.invalid, path, "Invalid value: \(items.count): \(path) in body should have at least \(minItems) items")
        }
        if let itemSchema = schema.items {
            for (position, item) in items.enumerated() {
                validate(item, itemSchema, at: path.index(position))
            }
        }
        switch schema.listType {
        case "set":
            var seen = Set<JSONValue>()
            for (position, item) in items.enumerated() where !seen.insert(item).inserted {
                report(.duplicate, path.index(position), "Duplicate value: \(Self.render(item))", hint: "list each value once")
            }
        case "map":
            var seen = Set<[JSONValue]>()
            for (position, item) in items.enumerated() {
                let key = schema.listMapKeys.map { item[$0] ?? .null }
                if !seen.insert(key).inserted {
                    let shown = zip(schema.listMapKeys, key).map { "\"\($0)\":\(Self.render($1))" }.joined(separator: ", ")
                    report(.duplicate, path.index(position), "Duplicate value: map[string]interface {}{\(shown)}",
                           hint: "each \(schema.listMapKeys.joined(separator: "/")) may appear only once in this list")
                }
            }
        default:
            break
        }
    }

    private mutating func checkObject(_ dict: OrderedDictionaryView, _ schema: SchemaNode, at path: FieldPath) {
        if let maxProperties = schema.maxProperties, dict.count > maxProperties {
            report(.tooMany, path, "Too many: \(dict.count): must have at most \(maxProperties) items", hint: "remove \(dict.count - maxProperties) entr(ies)")
        }
        if let minProperties = schema.minProperties, dict.count < minProperties {
            report(.invalid, path, "Invalid value: \(dict.count): \(path) in body should have at least \(minProperties) properties")
        }
        for name in schema.required where dict[name] == nil || (dict[name]?.isNull ?? false) {
            report(.required, path.child(name), "Required value", hint: "add `\(name)` under \(path.isRoot ? "the object" : path.description)")
        }
        if schema.hasFixedFields {
            for (name, child) in dict {
                if let childSchema = schema.properties[name] {
                    validate(child, childSchema, at: path.child(name))
                } else if !schema.preserveUnknownFields {
                    let suggestion = Spelling.closest(to: name, among: Array(schema.properties.keys))
                    report(.unknownField, path.child(name), "unknown field \"\(path.child(name))\"",
                           hint: suggestion.map { "did you mean `\($0)`?" } ?? "remove it; known fields here: \(schema.properties.keys.joined(separator: ", "))")
                }
            }
        } else if let valueSchema = schema.mapValues {
            for (key, child) in dict {
                validate(child, valueSchema, at: path.key(key))
            }
        }
    }

    static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array: return "\"array\""
        case .object: return "\"object\""
        }
    }

    static func render(_ number: Double) -> String {
        number.rounded() == number ? String(Int64(number)) : String(number)
    }

    static func isRFC3339(_ text: String) -> Bool {
        let pattern = #"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#
        return (try? RE2Syntax.matches(pattern, text)) == true
    }
}

typealias OrderedDictionaryView = OrderedDictionary<String, JSONValue>
