// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "karpenter-aks",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kubectl-karpenter", targets: ["kubectl-karpenter"]),
        .library(name: "KarpenterAPI", targets: ["KarpenterAPI"]),
        .library(name: "KarpenterScheduling", targets: ["KarpenterScheduling"]),
        .library(name: "KarpenterAzure", targets: ["KarpenterAzure"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .target(
            name: "KarpenterAPI",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(name: "KarpenterScheduling", dependencies: ["KarpenterAPI"]),
        .target(name: "KarpenterAzure", dependencies: ["KarpenterAPI", "KarpenterScheduling"]),
        .target(
            name: "KarpenterCLI",
            dependencies: [
                "KarpenterAPI", "KarpenterScheduling", "KarpenterAzure",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .executableTarget(name: "kubectl-karpenter", dependencies: ["KarpenterCLI"], path: "plugin"),
        .executableTarget(name: "karpenter-bench", dependencies: ["KarpenterCLI"], path: "Benchmarks"),
        .testTarget(name: "KarpenterAPITests", dependencies: ["KarpenterAPI"]),
        .testTarget(name: "KarpenterCLITests", dependencies: ["KarpenterCLI", "kubectl-karpenter"]),
        .testTarget(name: "KarpenterSchedulingTests", dependencies: ["KarpenterScheduling"]),
        .testTarget(
            name: "KarpenterAzureTests",
            dependencies: ["KarpenterAzure"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
