// swift-tools-version:6.0
import PackageDescription

// System libraries come in through module maps + pkg-config; `providers` tell SwiftPM
// (and a person reading an error) which package supplies them.
let package = Package(
    name: "mlp-tutor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tutor", targets: ["tutor"]),
        .library(name: "D2L", targets: ["D2L"]),
        .library(name: "RunnerWire", targets: ["RunnerWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]),
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),

        // D2L's own AVX-512 sgemm for the trainer's products (C: per-function target attributes
        // and a CPUID check), optimised in debug builds too.
        .target(name: "CSgemm", path: "Sources/CSgemm", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),

        // The from-scratch deep-learning library. Knows nothing of the tutor.
        .target(
            name: "D2L",
            dependencies: [
                .target(name: "COpenBLAS", condition: .when(platforms: [.linux])),
                "CZlib",
                "CSgemm",
            ],
            // Optimised in debug builds too: the tests, `tutor lint` and the learner's workspace
            // train full-size networks, which take minutes unoptimised.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Markdown → styled terminal lines, through cmark (D2L only for `RegularFile`, how a path is read).
        .target(name: "TerminalMarkdown", dependencies: ["CCmark", "D2L"]),
        // The judging pipeline, each stage depending only on those before it.
        // Course, lessons, typed checkpoint specs, navigation, the tutor's words.
        .target(name: "Lessons", dependencies: ["TerminalMarkdown", "D2L", "Yams"]),
        // Answers, comparison, verdicts, the call registry into D2L, the run cache, the one judge, lint.
        .target(name: "Judging", dependencies: ["Lessons", "D2L"]),
        // The runner's wire format, compiled by the tutor and by every workspace's runner.
        .target(name: "RunnerWire", dependencies: ["D2L"]),
        // The learner's own Swift code: workspace, sandbox, runner, code checks.
        .target(name: "LearnerCode", dependencies: ["Judging", "Lessons", "D2L", "RunnerWire"]),
        // Progress store, grading, report formats.
        .target(name: "Records", dependencies: ["Judging", "Lessons", "D2L", "TerminalMarkdown", "Yams"]),
        // Charts, images, ANSI, terminal size, colour policy.
        .target(name: "TerminalUI", dependencies: ["TerminalMarkdown"]),
        .executableTarget(
            name: "tutor",
            dependencies: [
                "Lessons", "Judging", "LearnerCode", "Records", "TerminalUI", "D2L", "TerminalMarkdown",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // The fuzz harnesses' entry points: also run by FuzzRegressionTests on every saved crash input.
        .target(name: "FuzzTargets", dependencies: ["D2L", "TerminalMarkdown", "Lessons", "Judging", "Records"], path: "fuzz/Targets"),

        .executableTarget(name: "render-benchmark", dependencies: ["TerminalMarkdown", "FuzzTargets"], path: "benchmarks/render"),
        .testTarget(name: "D2LTests", dependencies: ["D2L", "CSgemm"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TerminalMarkdownTests", dependencies: ["TerminalMarkdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TutorTests", dependencies: ["Lessons", "Judging", "LearnerCode", "Records", "TerminalUI", "D2L", "tutor"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TutorCLITests", dependencies: ["Lessons", "Judging", "Records", "TerminalMarkdown", "tutor", "Yams"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"]),
        // Grading shares one judge between threads; `make test` also runs this target under ThreadSanitizer.
        .testTarget(name: "ParallelGradingTests", dependencies: ["Lessons", "Judging", "Records"]),
    ],
    swiftLanguageModes: [.v6]
)

// `make test` builds with ThreadSanitizer only what parallel grading runs (TUTOR_TSAN=1, its own
// build folder): the whole package under the sanitizer would take about twice as long to build.
if Context.environment["TUTOR_TSAN"] == "1" {
    let graded: Set<String> = [
        "CCmark", "COpenBLAS", "CZlib", "CSgemm", "D2L", "TerminalMarkdown", "Lessons", "Judging", "Records", "ParallelGradingTests",
    ]
    package.targets.removeAll { !graded.contains($0.name) }
    // Grading trains nothing: D2L unoptimised compiles in a fraction of the time.
    package.targets.first { $0.name == "D2L" }?.swiftSettings = []
    package.products.removeAll()
    package.dependencies.removeAll { dependency in
        if case .sourceControl(_, let location, _) = dependency.kind { return location.hasSuffix("swift-argument-parser") }
        return false
    }
}

// The libFuzzer driver links against libFuzzer and AddressSanitizer, so only `scripts/fuzz.sh`
// builds it (TUTOR_FUZZ=1, its own build folder); a plain `swift build` never sees it.
if Context.environment["TUTOR_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "tutor-fuzz", dependencies: ["FuzzTargets"], path: "fuzz/Driver"))
}
