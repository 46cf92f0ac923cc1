import Foundation

/// Process-wide table that maps label keys and values to small integer ids, so the
/// requirements algebra compares `UInt32`s instead of strings in its hot paths.
///
/// Interning happens when requirements are built (once per pod, NodePool or instance type);
/// the algebra itself never touches the table. Strings are never removed: the set of label
/// keys and values a cluster uses is small and mostly stable.
final class LabelInterner: @unchecked Sendable {
    static let shared = LabelInterner()

    private let lock = NSLock()
    private var ids: [String: UInt32] = [:]
    private var strings: [String] = []

    func intern(_ text: String) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[text] { return id }
        let id = UInt32(strings.count)
        ids[text] = id
        strings.append(text)
        return id
    }

    /// The id of `text` if it was ever interned (lets lookups of unknown strings avoid growing the table).
    func existingID(_ text: String) -> UInt32? {
        lock.lock()
        defer { lock.unlock() }
        return ids[text]
    }

    func string(_ id: UInt32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return strings[Int(id)]
    }
}

/// An interned label key. Cheap to copy and compare; `name` resolves the text.
public struct LabelKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    let id: UInt32

    init(id: UInt32) { self.id = id }

    /// Interns `name` as given (no normalisation; see `LabelKey.normalized(_:)`).
    public init(_ name: String) {
        id = LabelInterner.shared.intern(name)
    }

    public var name: String { LabelInterner.shared.string(id) }
    public var description: String { name }

    /// Orders by interning id (fast, stable within a process, not alphabetical).
    public static func < (lhs: LabelKey, rhs: LabelKey) -> Bool { lhs.id < rhs.id }
}

/// An interned label value with its integer reading cached, so `Gt`/`Lt` bounds never
/// re-parse strings. Equality and order use only the id.
public struct LabelValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    let id: UInt32
    /// 1 when `integer` holds the value's integer reading, 0 for non-integer strings.
    let isInteger: UInt32
    let integer: Int64

    public init(_ text: String) {
        let interner = LabelInterner.shared
        id = interner.intern(text)
        if let number = Int64(text) {
            isInteger = 1
            integer = number
        } else {
            isInteger = 0
            integer = 0
        }
    }

    public var text: String { LabelInterner.shared.string(id) }
    public var description: String { text }
    public var integerValue: Int64? { isInteger == 1 ? integer : nil }

    @inline(__always)
    func isWithin(greaterThanOrEqual lower: Int64?, lessThanOrEqual upper: Int64?) -> Bool {
        if lower == nil && upper == nil { return true }
        guard isInteger == 1 else { return false }
        if let lower, integer < lower { return false }
        if let upper, integer > upper { return false }
        return true
    }

    public static func == (lhs: LabelValue, rhs: LabelValue) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    public static func < (lhs: LabelValue, rhs: LabelValue) -> Bool { lhs.id < rhs.id }
}
