/// Cuts a byte stream into top-level JSON documents. The API server writes one event per line,
/// but chunk boundaries fall anywhere, so documents are found by bracket depth (outside
/// strings), not by newlines alone.
struct JSONStreamFramer {
    private var pending: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var start: Int?
    private var scanned = 0
    /// A document larger than this means the stream is not what we think it is.
    let maximumDocumentBytes: Int

    init(maximumDocumentBytes: Int = 64 << 20) {
        self.maximumDocumentBytes = maximumDocumentBytes
    }

    enum Failure: Error, CustomStringConvertible {
        case tooLarge(Int)
        case unexpectedByte(UInt8)
        var description: String {
            switch self {
            case .tooLarge(let limit): "a watch event is larger than \(limit) bytes"
            case .unexpectedByte(let byte): "unexpected byte 0x\(String(byte, radix: 16)) between watch events"
            }
        }
    }

    /// Appends bytes and returns the documents completed by them.
    mutating func append(_ bytes: some Sequence<UInt8>) throws(Failure) -> [[UInt8]] {
        pending.append(contentsOf: bytes)
        var documents: [[UInt8]] = []
        var index = scanned
        while index < pending.count {
            let byte = pending[index]
            if start == nil {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D: break
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    start = index
                    depth = 1
                default:
                    throw .unexpectedByte(byte)
                }
            } else if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0, let first = start {
                        documents.append(Array(pending[first...index]))
                        start = nil
                    }
                default: break
                }
            }
            index += 1
        }
        if let first = start {
            if index - first > maximumDocumentBytes { throw .tooLarge(maximumDocumentBytes) }
            if first > 0 {
                pending.removeFirst(first)
                start = 0
                index -= first
            }
        } else {
            pending.removeAll(keepingCapacity: true)
            index = 0
        }
        scanned = index
        return documents
    }
}
