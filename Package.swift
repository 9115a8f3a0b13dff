// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Curator",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "curator", targets: ["curator"]),
        .executable(name: "curator-bench", targets: ["curator-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // libcurl, with a shim for the variadic curl_easy_setopt/getinfo that Swift cannot call.
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // ncursesw, with a shim for the macros and globals Swift cannot see.
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The dashboard: a pure core (state, update, view into a cell grid) and a thin ncurses backend.
        .target(
            name: "CuratorTUI",
            dependencies: ["Domain", "CNcursesw"]
        ),
        // Pure models and rules: no I/O, no C.
        .target(name: "Domain"),
        // SQLite mirror: schema, migrations, upserts, queries.
        .target(
            name: "Storage",
            dependencies: ["Domain", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Network: HTTP over libcurl, the GetCourse client and the sync engine.
        .target(
            name: "Integrations",
            dependencies: ["Domain", "Storage", "CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        // The mock GetCourse and its simulated school (demo mode and tests only).
        .target(
            name: "MockGetCourse",
            dependencies: [
                "Domain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the executables share, unit-tested: the settings file, the metrics report, the
        // evaluations' targets, the mirror-ownership rule, the demo school and its pacing, the
        // dashboard's effects.
        .target(
            name: "CuratorApp",
            dependencies: [
                "CuratorTUI", "Domain", "Storage", "Integrations", "MockGetCourse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The command line: parsing and wiring.
        .executableTarget(
            name: "curator",
            dependencies: [
                "CuratorApp", "CuratorTUI", "Domain", "Storage", "Integrations", "MockGetCourse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The benchmarks (`make bench`), with their worker processes; the first syncs run `curator`.
        .executableTarget(
            name: "curator-bench",
            dependencies: [
                "CuratorApp", "CuratorTUI", "Domain", "Storage", "Integrations", "MockGetCourse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CuratorTests",
            dependencies: [
                "CuratorApp", "CuratorTUI", "Domain", "Storage", "Integrations", "MockGetCourse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
