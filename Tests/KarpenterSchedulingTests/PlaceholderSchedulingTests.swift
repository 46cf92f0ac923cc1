import XCTest
@testable import KarpenterScheduling
final class PlaceholderSchedulingTests: XCTestCase {}
