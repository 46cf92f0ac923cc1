/// Rejects documents nested so deeply that parsing them could exhaust the stack, before
/// the YAML parser (which recurses per level) sees them.
enum NestingGuard {
    static func check(_ text: String, limit: Int) throws(ManifestError) {
        var flowDepth = 0
        var indentStack: [Int] = []
        var line = 1
        var quote: UInt8? = nil
        var inComment = false
        var atLineStart = true
        var indent = 0
        var previous: UInt8 = UInt8(ascii: " ")
        let tokenStarts: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "\t"), UInt8(ascii: "\n")]
        for byte in text.utf8 {
            defer { previous = byte }
            if byte == UInt8(ascii: "\n") {
                line += 1
                inComment = false
                atLineStart = true
                indent = 0
                if quote == UInt8(ascii: "'") { quote = nil }
                continue
            }
            if inComment { continue }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                    indent += 1
                    continue
                }
                atLineStart = false
                if byte != UInt8(ascii: "#") {
                    while let last = indentStack.last, last >= indent { indentStack.removeLast() }
                    indentStack.append(indent)
                }
            }
            switch byte {
            case UInt8(ascii: "#") where tokenStarts.contains(previous): inComment = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if tokenStarts.contains(previous) { quote = byte }
            case UInt8(ascii: "["), UInt8(ascii: "{"): flowDepth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
            default: break
            }
            if flowDepth + indentStack.count > limit {
                throw ManifestError(
                    location: SourceLocation(line: line, column: 1),
                    message: "the document is nested more than \(limit) levels deep; no Karpenter object is that deep, so this is not a manifest this tool can read"
                )
            }
        }
    }
}
