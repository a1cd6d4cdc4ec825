// swift-tools-version:6.0
import PackageDescription

// Reads the same rows from a Convene SQLite file through sqlite-nio + SQLKit (what Convene uses)
// and through GRDB's DatabasePool, and prints the time per read. A benchmark: it never fails.
let package = Package(
    name: "SQLiteAccess",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "SQLiteAccess",
            dependencies: [
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        )
    ],
    // A measuring script with top-level code and a shared pool; Convene itself is Swift 6.
    swiftLanguageModes: [.v5]
)
