// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "partsmap",
    products: [
        .executable(name: "partsmap", targets: ["partsmap"]),
        .library(name: "PartsMap", targets: ["PartsMap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // Encryption at rest: ChaCha20-Poly1305 (Crypto) and scrypt (CryptoExtras).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // The model, the command language, the journal, the exports and the ask dialogue.
        // Knows nothing of terminals.
        .target(
            name: "PartsMap",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // libedit's native <histedit.h> API, through non-variadic wrappers in shim.h.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Reading lines: libedit on a terminal, plain reads from a pipe.
        .target(name: "LineEditing", dependencies: ["CEditLine"]),
        // The command line and the REPL loop that wires the above together.
        .executableTarget(
            name: "partsmap",
            dependencies: [
                "PartsMap", "LineEditing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Figures, not tests: see BENCHMARKS.md.
        .executableTarget(name: "partsmap-bench", dependencies: ["PartsMap", "LineEditing", "SeededRandom"], path: "Benchmarks/partsmap-bench"),
        // The one seeded generator: random tests, the crash harness and the benchmark's maps.
        .target(name: "SeededRandom"),
        // What the test targets share: the seeded generator, and the traits that skip (or, on CI, fail)
        // a test whose tool is missing.
        .target(name: "TestSupport", dependencies: ["SeededRandom"], path: "Tests/Support"),
        .testTarget(name: "PartsMapTests", dependencies: ["PartsMap", "LineEditing", "TestSupport"], exclude: ["Golden/Recorded"]),
        .testTarget(name: "LineEditingTests", dependencies: ["LineEditing"]),
        // Drives the built binary through pipes and a pseudo-terminal (tmux).
        .testTarget(name: "PartsMapEndToEndTests", dependencies: ["partsmap", "TestSupport"]),
    ]
)
