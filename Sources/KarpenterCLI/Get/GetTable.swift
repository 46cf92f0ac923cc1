import KarpenterAPI

/// The rows of one `get` listing: cells for every column (wide ones included), and the
/// object each row shows for `-o name|json|yaml`. Rows are in display order.
struct GetTable: Sendable {
    struct Column: Sendable, Hashable {
        var header: String
        /// Shown only with `-o wide`.
        var wide: Bool = false
    }

    struct Row: Sendable {
        var name: String
        var object: JSONValue
        var cells: [String]
    }

    var columns: [Column]
    var rows: [Row]

    /// Headers and cells of the columns to show.
    func visible(wide: Bool) -> (headers: [String], rows: [[String]]) {
        let shown = columns.indices.filter { wide || !columns[$0].wide }
        return (shown.map { columns[$0].header }, rows.map { row in shown.map { row.cells[$0] } })
    }
}
