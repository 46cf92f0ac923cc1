/// A table laid out as kubectl's printers do (Go `tabwriter`, min width 6, padding 3): every
/// column but the last padded to its widest cell plus three spaces, no trailing spaces.
enum KubectlTableText {
    static let padding = 3
    static let minimumWidth = 6

    static func render(headers: [String]?, rows: [[String]]) -> String {
        let lines = (headers.map { [$0] } ?? []) + rows
        guard let columnCount = lines.map(\.count).max(), columnCount > 0 else { return "" }
        var widths = Array(repeating: 0, count: columnCount)
        for line in lines {
            for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return lines.map { line in
            var text = ""
            for (index, cell) in line.enumerated() {
                if index == line.count - 1 {
                    text += cell
                } else {
                    let width = max(widths[index] + padding, minimumWidth)
                    text += cell + String(repeating: " ", count: width - cell.count)
                }
            }
            return text.trimmingTrailingSpaces
        }.joined(separator: "\n")
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
