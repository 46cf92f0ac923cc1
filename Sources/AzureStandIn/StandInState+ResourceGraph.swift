import Foundation
import KarpenterAPI

/// Azure Resource Graph `POST /providers/Microsoft.ResourceGraph/resources`: understands the
/// provider's query shape (type, resourceGroup, `tags has_cs`, `not(tags has_cs ...)`) and pages with `$skipToken`.
extension StandInState {
    mutating func queryResourceGraph(_ request: StandInRequest) -> StandInResponse {
        guard let body = request.json, let query = body["query"]?.stringValue else {
            return .armError(.badRequest, code: "BadRequest", message: "The request body must hold a 'query'.")
        }
        let filter = GraphQueryFilter(query)
        var rows: [JSONValue] = []
        if filter.type == "microsoft.compute/virtualmachines" {
            rows = virtualMachines.values.sorted { $0.name < $1.name }.filter { filter.matches(group: $0.resourceGroup, tags: $0.tags) }
                .map { Self.graphRow($0.resource, group: $0.resourceGroup) }
        } else if filter.type == "microsoft.network/networkinterfaces" {
            rows = networkInterfaces.values.sorted { $0.name < $1.name }.filter { filter.matches(group: $0.resourceGroup, tags: $0.tags) }
                .map { Self.graphRow($0.resource, group: $0.resourceGroup) }
        }
        let offset = body["options"]?["$skipToken"]?.stringValue.flatMap { Int($0) } ?? 0
        let page = Array(rows.dropFirst(offset).prefix(resourceGraphPageSize))
        var answer: [String: JSONValue] = [
            "totalRecords": .int(Int64(rows.count)), "count": .int(Int64(page.count)),
            "data": .array(page), "resultTruncated": .string("false"),
        ]
        if offset + page.count < rows.count { answer["$skipToken"] = .string(String(offset + page.count)) }
        return .json(.ok, .object(.init(uniqueKeysWithValues: answer.sorted { $0.key < $1.key })))
    }

    private static func graphRow(_ resource: JSONValue, group: String) -> JSONValue {
        var row = resource
        row["type"] = .string(resource["type"]?.stringValue?.lowercased() ?? "")
        row["resourceGroup"] = .string(group.lowercased())
        return row
    }
}

struct GraphQueryFilter {
    var type: String?
    var resourceGroup: String?
    var requiredTags: [String] = []
    var excludedTags: [String] = []

    init(_ query: String) {
        for line in query.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let quoted = line.split(separator: "'", omittingEmptySubsequences: false)
            guard quoted.count >= 2 else { continue }
            let value = String(quoted[1])
            if line.contains("type ==") { type = value.lowercased() }
            else if line.contains("resourceGroup ==") { resourceGroup = value.lowercased() }
            else if line.contains("not(tags has_cs") { excludedTags.append(value) }
            else if line.contains("tags has_cs") { requiredTags.append(value) }
        }
    }

    func matches(group: String, tags: [String: String]) -> Bool {
        (resourceGroup == nil || resourceGroup == group.lowercased())
            && requiredTags.allSatisfy { tags[$0] != nil } && excludedTags.allSatisfy { tags[$0] == nil }
    }
}
