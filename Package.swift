// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "karpenter-aks",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kubectl-karpenter", targets: ["kubectl-karpenter"]),
        .executable(name: "karpenter-webhook", targets: ["karpenter-webhook"]),
        .executable(name: "karpenter-controller", targets: ["karpenter-controller"]),
        .library(name: "KarpenterAPI", targets: ["KarpenterAPI"]),
        .library(name: "KarpenterScheduling", targets: ["KarpenterScheduling"]),
        .library(name: "KarpenterAzure", targets: ["KarpenterAzure"]),
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "InProcessAPIServer", targets: ["InProcessAPIServer"]),
        .library(name: "KarpenterCloud", targets: ["KarpenterCloud"]),
        .library(name: "AzureProvider", targets: ["AzureProvider"]),
        .library(name: "AzureStandIn", targets: ["AzureStandIn"]),
        .library(name: "SimulatedCloud", targets: ["SimulatedCloud"]),
        .library(name: "KarpenterController", targets: ["KarpenterController"]),
        .library(name: "KarpenterDisruption", targets: ["KarpenterDisruption"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // The admission webhook: TLS server, logs, and self-signed certificates.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        // The Kubernetes client's HTTP transport.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
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
        // JSON log lines (zap's shape) for the webhook and the controller.
        .target(
            name: "KarpenterLogging",
            dependencies: [
                "KarpenterAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .target(name: "KarpenterAzure", dependencies: ["KarpenterAPI", "KarpenterScheduling"]),
        // The disruption planner (pure): candidates, budgets, emptiness, consolidation, drift, expiration.
        .target(name: "KarpenterDisruption", dependencies: ["KarpenterAPI", "KarpenterScheduling"]),
        // The cloud provider interface and the unavailable-offerings cache (pure).
        .target(name: "KarpenterCloud", dependencies: ["KarpenterAPI", "KarpenterScheduling"]),
        // Azure: ARM REST (VMs, NICs, long-running operations, errors) and Entra ID tokens.
        .target(
            name: "AzureProvider",
            dependencies: [
                "KarpenterCloud", "KarpenterAzure", "KarpenterAPI", "KarpenterScheduling",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A local HTTP stand-in of ARM, the Entra ID token endpoint and IMDS, for tests.
        .target(
            name: "AzureStandIn",
            dependencies: [
                "KarpenterAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The simulated cloud: Node objects launched in the cluster, a kubelet and a binder played.
        .target(
            name: "SimulatedCloud",
            dependencies: [
                "KarpenterCloud", "KubeClient", "KarpenterAPI", "KarpenterScheduling", "KarpenterAzure",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The in-cluster controller: informers, provisioning, NodeClaim lifecycle, leader election.
        .target(
            name: "KarpenterController",
            dependencies: [
                "KarpenterCloud", "KubeClient", "KarpenterAPI", "KarpenterScheduling", "KarpenterAzure",
                "AzureProvider", "SimulatedCloud", "KarpenterLogging", "KarpenterDisruption",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "karpenter-controller", dependencies: ["KarpenterController"]),
        .target(
            name: "KarpenterCLI",
            dependencies: [
                "KarpenterAPI", "KarpenterScheduling", "KarpenterAzure", "KubeClient",
                "KarpenterCloud", "KarpenterController", "SimulatedCloud", "InProcessAPIServer", "KarpenterDisruption",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .executableTarget(name: "kubectl-karpenter", dependencies: ["KarpenterCLI"], path: "plugin"),
        .executableTarget(name: "karpenter-bench", dependencies: ["KarpenterCLI"], path: "Benchmarks"),
        .target(
            name: "KarpenterWebhook",
            dependencies: [
                "KarpenterAPI", "KarpenterLogging",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .executableTarget(name: "karpenter-webhook", dependencies: ["KarpenterWebhook"], path: "webhook"),
        // Kubernetes client: kubeconfig, in-cluster config, exec credential plugins, REST, watch, informers.
        .target(
            name: "KubeClient",
            dependencies: [
                "KarpenterAPI",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A Kubernetes API server in the process, over real HTTP(S): the tests' and the embedded
        // mode's stand-in for kube-apiserver.
        .target(
            name: "InProcessAPIServer",
            dependencies: [
                "KarpenterAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(name: "KarpenterAPITests", dependencies: ["KarpenterAPI"]),
        .testTarget(
            name: "KarpenterCLITests",
            dependencies: ["KarpenterCLI", "kubectl-karpenter", "InProcessAPIServer"]
        ),
        .testTarget(
            name: "KarpenterWebhookTests",
            dependencies: ["KarpenterWebhook", "KarpenterAPI", "karpenter-webhook", "kubectl-karpenter"]
        ),
        .testTarget(name: "KarpenterSchedulingTests", dependencies: ["KarpenterScheduling"]),
        .testTarget(name: "KarpenterCloudTests", dependencies: ["KarpenterCloud"]),
        .testTarget(name: "KarpenterDisruptionTests", dependencies: ["KarpenterDisruption", "KarpenterScheduling", "KarpenterAPI", "KarpenterAzure"]),
        .testTarget(name: "AzureProviderTests", dependencies: ["AzureProvider", "AzureStandIn", "KarpenterCloud", "KarpenterAzure"]),
        .testTarget(name: "SimulatedCloudTests", dependencies: ["SimulatedCloud", "InProcessAPIServer", "KubeClient"]),
        .testTarget(
            name: "KarpenterControllerTests",
            dependencies: ["KarpenterController", "InProcessAPIServer", "AzureStandIn", "KubeClient", "karpenter-controller"]
        ),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "InProcessAPIServer"]),
        .testTarget(
            name: "InProcessAPIServerTests",
            dependencies: [
                "InProcessAPIServer",
                "KarpenterAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "KarpenterAzureTests",
            dependencies: ["KarpenterAzure"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
