// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "convene",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "convene", targets: ["convene"]),
        .library(name: "ConveneCore", targets: ["ConveneCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-extras/swift-extras-base64.git", from: "1.2.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", exact: "0.14.0"),
        // The OpenAPI document's types; without its trait for loading external references.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", exact: "6.4.0", traits: []),
    ],
    targets: [
        .target(name: "ConveneCore"),
        .target(
            name: "ConveneStore",
            dependencies: [
                "ConveneCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Sending the outbox: the message text, the .eml folder, and a small SMTP client.
        .target(
            name: "ConveneMail",
            dependencies: [
                "ConveneCore",
                "ConveneStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ConveneWeb",
            dependencies: [
                "ConveneCore",
                "ConveneStore",
                "ConveneMail",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ExtrasBase64", package: "swift-extras-base64"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ]
        ),
        .executableTarget(
            name: "convene",
            dependencies: [
                "ConveneCore",
                "ConveneStore",
                "ConveneMail",
                "ConveneWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ConveneTestSupport",
            dependencies: ["ConveneStore", .product(name: "SQLKit", package: "sql-kit")],
            path: "Tests/ConveneTestSupport"
        ),
        .testTarget(name: "ConveneCoreTests", dependencies: ["ConveneCore"]),
        .testTarget(
            name: "ConveneMailTests",
            dependencies: ["ConveneMail", .product(name: "NIOEmbedded", package: "swift-nio")]
        ),
        .testTarget(name: "ConveneStoreTests", dependencies: ["ConveneStore", "ConveneCore", "ConveneTestSupport"]),
        .testTarget(
            name: "ConveneWebTests",
            dependencies: [
                "ConveneWeb",
                "ConveneMail",
                "ConveneStore",
                "ConveneCore",
                "ConveneTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ]
        ),
    ]
)
