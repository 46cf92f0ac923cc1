/// Splits a CEL rule into tokens.
struct CELLexer {
    enum Token: Equatable {
        case identifier(String)
        case string(String)
        case int(Int64)
        case double(Double)
        case symbol(String)
        case end
    }

    static func tokenize(_ source: String) throws -> [Token] {
        var tokens: [Token] = []
        let chars = Array(source.unicodeScalars)
        var position = 0
        let twoCharSymbols: Set<String> = ["==", "!=", "<=", ">=", "&&", "||"]
        while position < chars.count {
            let char = chars[position]
            if char.properties.isWhitespace { position += 1; continue }
            if char == "'" || char == "\"" {
                let (text, next) = try readString(chars, from: position, quote: char)
                tokens.append(.string(text))
                position = next
                continue
            }
            if char.properties.numericType != nil, ("0"..."9").contains(char) {
                var end = position
                while end < chars.count, ("0"..."9").contains(chars[end]) || chars[end] == "." { end += 1 }
                let text = String(String.UnicodeScalarView(chars[position..<end]))
                if let integer = Int64(text) { tokens.append(.int(integer)) }
                else if let double = Double(text) { tokens.append(.double(double)) }
                else { throw CELError(message: "bad number \(text)") }
                position = end
                continue
            }
            if char == "_" || char.properties.isAlphabetic {
                var end = position
                while end < chars.count, chars[end] == "_" || chars[end].properties.isAlphabetic
                    || ("0"..."9").contains(chars[end]) { end += 1 }
                tokens.append(.identifier(String(String.UnicodeScalarView(chars[position..<end]))))
                position = end
                continue
            }
            if position + 1 < chars.count {
                let pair = String(String.UnicodeScalarView(chars[position...position + 1]))
                if twoCharSymbols.contains(pair) {
                    tokens.append(.symbol(pair))
                    position += 2
                    continue
                }
            }
            tokens.append(.symbol(String(char)))
            position += 1
        }
        tokens.append(.end)
        return tokens
    }

    private static func readString(_ chars: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar) throws -> (String, Int) {
        var text = String.UnicodeScalarView()
        var position = start + 1
        while position < chars.count {
            let char = chars[position]
            if char == quote { return (String(text), position + 1) }
            if char == "\\", position + 1 < chars.count {
                let escaped = chars[position + 1]
                switch escaped {
                case "n": text.append("\n")
                case "t": text.append("\t")
                default: text.append(escaped)
                }
                position += 2
                continue
            }
            text.append(char)
            position += 1
        }
        throw CELError(message: "unterminated string literal")
    }
}
