/// The pieces of a quantity's spelling: `-12.50Gi` is negative, "12", "50", "Gi".
///
/// Accepts exactly the strings that both the Kubernetes parser (`ParseQuantity`) and the
/// OpenAPI quantity pattern accept: a sign, digits with at most one decimal point and at
/// least one digit, then an optional suffix. No whitespace anywhere.
struct QuantitySyntax: Sendable, Equatable {
    var isNegative: Bool
    var integerDigits: Substring
    var fractionDigits: Substring
    var suffix: Substring

    init(scanning text: String) throws(QuantityError) {
        guard !text.isEmpty else {
            throw QuantityError(input: text, reason: "the value is empty")
        }
        guard text.utf8.count <= Self.maximumLength else {
            throw QuantityError(
                input: String(text.prefix(32)) + "...",
                reason: "it is too long (more than \(Self.maximumLength) characters)")
        }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            throw QuantityError(input: text, reason: "whitespace is not allowed")
        }
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        isNegative = false
        if scalars[index] == "+" || scalars[index] == "-" {
            isNegative = scalars[index] == "-"
            index = scalars.index(after: index)
        }
        let integerStart = index
        while index < scalars.endIndex, Self.isDigit(scalars[index]) { index = scalars.index(after: index) }
        integerDigits = text[integerStart..<index]
        fractionDigits = text[index..<index]
        if index < scalars.endIndex, scalars[index] == "." {
            index = scalars.index(after: index)
            let fractionStart = index
            while index < scalars.endIndex, Self.isDigit(scalars[index]) { index = scalars.index(after: index) }
            fractionDigits = text[fractionStart..<index]
            if index < scalars.endIndex, scalars[index] == "." {
                throw QuantityError(input: text, reason: "the number has more than one decimal point")
            }
        }
        suffix = text[index...]
        if integerDigits.isEmpty && fractionDigits.isEmpty {
            if suffix.isEmpty {
                throw QuantityError(input: text, reason: "there are no digits")
            }
            throw QuantityError(
                input: text,
                reason: "the number is missing before \(QuantityError.quoted(String(suffix)))")
        }
        if let sign = suffix.first, sign == "+" || sign == "-" {
            throw QuantityError(input: text, reason: "a sign may only come first")
        }
    }

    /// Longer inputs are rejected so that parsing stays fast; no real quantity comes close.
    static let maximumLength = 4096

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar >= "0" && scalar <= "9"
    }
}
