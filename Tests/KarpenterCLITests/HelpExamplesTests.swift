import ArgumentParser
@testable import KarpenterCLI
import XCTest

/// Every command's `--help` shows examples.
final class HelpExamplesTests: XCTestCase {
    func testEveryCommandHasExamples() {
        let commands: [any ParsableCommand.Type] = [
            KarpenterCommand.self, SimulateCommand.self, ExplainCommand.self, ExplainPodCommand.self, ValidateCommand.self,
            ConvertCommand.self, CrdsCommand.self, VersionCommand.self, GetCommand.self,
            BenchCommand.self, ValidateBench.self, ScheduleBench.self,
        ]
        for command in commands {
            let help = command.helpMessage(columns: 200)
            XCTAssertTrue(help.contains("Examples:\n  "), "\(command) --help has no examples:\n\(help)")
        }
    }
}
