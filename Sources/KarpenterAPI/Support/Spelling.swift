/// Finds near-misses: a key one or two edits away from a known one.
public enum Spelling {
    /// Levenshtein distance, with an early exit once it exceeds `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let left = Array(a.unicodeScalars)
        let right = Array(b.unicodeScalars)
        if abs(left.count - right.count) > limit { return limit + 1 }
        var previous = Array(0...right.count)
        var current = Array(repeating: 0, count: right.count + 1)
        for i in 1...max(left.count, 1) where !left.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(right.count, 1) where !right.isEmpty {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return left.isEmpty ? right.count : (right.isEmpty ? left.count : previous[right.count])
    }

    /// The candidate closest to `word` within `maxDistance` edits (case-insensitive match counts as 1).
    public static func closest(to word: String, among candidates: [String], maxDistance: Int = 2) -> String? {
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            var score = distance(word, candidate, limit: maxDistance)
            if candidate.lowercased() == word.lowercased() { score = 1 }
            if score <= maxDistance, best == nil || score < best!.1 {
                best = (candidate, score)
            }
        }
        return best?.0
    }
}
