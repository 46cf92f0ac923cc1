import ArgumentParser

/// `-o` of `get`; none gives the default table.
enum GetOutput: String, ExpressibleByArgument, CaseIterable, Sendable {
    case wide
    case name
    case json
    case yaml
}
