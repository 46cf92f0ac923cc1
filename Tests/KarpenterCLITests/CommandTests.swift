import XCTest
@testable import KarpenterCLI
final class CommandTests: XCTestCase {
    func testCommandName() { XCTAssertEqual(KarpenterCommand.configuration.commandName, "kubectl-karpenter") }
}
