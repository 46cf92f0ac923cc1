import XCTest
@testable import KarpenterAzure
final class PlaceholderAzureTests: XCTestCase {}
