import Foundation
import Testing
import FuzzTargets

/// Every input a fuzzer once crashed on (fuzz/regressions/<harness>/) and every seed
/// (fuzz/corpus/<harness>/), replayed through the harness that found it: each must be accepted
/// or rejected with a message naming the file, never crash or break an invariant. They run on the
/// stack the fuzzer gives them (`onFuzzStack`).
@Suite struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz")

    /// The files of `fuzz/<kind>/<harness>/`, sorted (README files excluded).
    static func inputs(_ kind: String, _ target: FuzzTarget) -> [URL] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func savedCrashInputsAreHandled(target: FuzzTarget) throws {
        for file in Self.inputs("regressions", target) {
            let input = [UInt8](try Data(contentsOf: file))
            let outcome = onFuzzStack { target.run(input) }
            if case .broken(let what) = outcome { Issue.record("\(file.lastPathComponent): \(what)") }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedsAreHandled(target: FuzzTarget) throws {
        let seeds = Self.inputs("corpus", target)
        #expect(!seeds.isEmpty, "fuzz/corpus/\(target.rawValue) has no seeds")
        for file in seeds {
            let input = [UInt8](try Data(contentsOf: file))
            let outcome = onFuzzStack { target.run(input) }
            if case .broken(let what) = outcome { Issue.record("\(file.lastPathComponent): \(what)") }
        }
    }
}
