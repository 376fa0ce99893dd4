// swift-tools-version: 6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Parley",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .executable(name: "parley-bench", targets: ["parley-bench"]),
        .executable(name: "parley-sim", targets: ["parley-sim"]),
        .executable(name: "parley-fuzz", targets: ["parley-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // Traits off: the simulator needs neither swift-configuration nor full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // ncursesw through pkg-config; shim.h exposes the macros and globals Swift cannot see.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Typed setters over the variadic curl_easy_setopt, plus callback trampolines.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .target(name: "ChatCore", swiftSettings: strictSwift),
        .target(name: "TerminalUI", swiftSettings: strictSwift),
        .target(
            name: "Storage",
            dependencies: ["ChatCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSwift
        ),
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "TerminalUI"], swiftSettings: strictSwift),
        .target(
            name: "ChatApp",
            dependencies: ["TerminalUI", "Providers", "ChatCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Providers",
            dependencies: [
                "ChatCore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CurlTransport",
            dependencies: ["CCurl", "ChatCore", "Providers"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "ProviderSimulator",
            dependencies: [
                "ChatCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSwift
        ),
        // `parley serve`: the OpenAI API in front of the providers.
        .target(
            name: "GatewayServer",
            dependencies: [
                "ChatCore",
                "Providers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "parley-sim",
            dependencies: [
                "ProviderSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ChatCore",
                "Providers",
                "CurlTransport",
                "ChatApp",
                "CursesTerminal",
                "TerminalUI",
                "Storage",
                "GatewayServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "parley-bench",
            dependencies: ["ChatCore", "Providers", "CurlTransport", "ChatApp", "TerminalUI", "Storage"],
            swiftSettings: strictSwift
        ),
        // libFuzzer targets (scripts/fuzz.sh builds it with -sanitize=fuzzer); a plain build
        // replays a corpus instead.
        .executableTarget(
            name: "parley-fuzz",
            dependencies: ["ChatCore", "Providers", "ChatApp", "TerminalUI", "Storage"],
            swiftSettings: strictSwift
        ),
        .testTarget(name: "ChatCoreTests", dependencies: ["ChatCore"], swiftSettings: strictSwift),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"], swiftSettings: strictSwift),
        .testTarget(name: "StorageTests", dependencies: ["Storage", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strictSwift),
        .testTarget(
            name: "ChatAppTests",
            dependencies: ["ChatApp", "TerminalUI", "ChatCore", "Providers", .product(name: "Clocks", package: "swift-clocks")],
            exclude: ["Snapshots"],
            swiftSettings: strictSwift
        ),
        // Real CurlHTTPClient against ProviderSimulator on 127.0.0.1.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["ChatCore", "Providers", "CurlTransport", "ProviderSimulator"],
            swiftSettings: strictSwift
        ),
        // The command line's own parts (the log file handler), linked in.
        .testTarget(name: "ParleyTests", dependencies: ["parley", "ChatApp", "ChatCore", "Storage", .product(name: "Logging", package: "swift-log")], swiftSettings: strictSwift),
        // parley serve's server in front of simulated providers, driven over real sockets.
        .testTarget(
            name: "GatewayTests",
            dependencies: ["GatewayServer", "ProviderSimulator", "CurlTransport", "Providers", "ChatCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSwift
        ),
        // Runs the built `parley` binary as a user would, against simulated providers.
        .testTarget(name: "ParleyCommandTests", dependencies: ["ProviderSimulator", "CurlTransport", "Providers", "Storage", "ChatCore"], swiftSettings: strictSwift),
        .testTarget(
            name: "ProvidersTests",
            dependencies: ["ChatCore", "Providers", .product(name: "Clocks", package: "swift-clocks")],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSwift
        ),
    ],
    swiftLanguageModes: [.v6]
)
