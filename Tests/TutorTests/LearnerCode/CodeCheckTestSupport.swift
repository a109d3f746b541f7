import Foundation
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// One exercise workspace shared by every code-check test: created by `Workspace.create`, built
/// once (the library compiles once), then solutions are swapped in and rebuilt incrementally.
/// It lives in the package's `.build`, where `tutor verify` (run by `make test` after the tests)
/// finds it again, so repeated runs and the verify step reuse its build.
final class SharedTestWorkspace: @unchecked Sendable {
    static let shared = SharedTestWorkspace()

    let projectRoot: URL
    let workspace: Workspace
    let fixtures: URL
    private let lock = NSLock()

    private init() {
        // Tests/TutorTests/LearnerCode/<this file> → the package root.
        projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        fixtures = projectRoot.appendingPathComponent("Tests/TutorTests/Fixtures/CodeCheck")
        let root = projectRoot.appendingPathComponent(".build/tutor-verify-workspace")
        let (ws, _) = try! Workspace.create(at: root, projectPath: projectRoot.path, force: true)
        workspace = ws
    }

    /// Runs `body` with the workspace's exercise files set to the stubs, overridden by `files`
    /// (exercise file name → fixture path relative to Fixtures/CodeCheck). One test at a time.
    func with<T>(_ files: [String: String] = [:], _ body: (Workspace) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        let templates = Workspace.templateFiles(projectPath: projectRoot.path)
        for path in Exercise.allCases.map(\.file) {
            let name = (path as NSString).lastPathComponent
            let text = files[name].map { try! String(contentsOf: fixtures.appendingPathComponent($0), encoding: .utf8) }
                ?? templates[path]!
            let url = workspace.root.appendingPathComponent(path)
            // A check compiles again when the files' contents change (not their dates), so a
            // swap right after the previous one is seen.
            if (try? String(contentsOf: url, encoding: .utf8)) != text {
                try! text.write(to: url, atomically: true, encoding: .utf8)
            }
        }
        return try body(workspace)
    }

    /// Every exercise file of the reference solution.
    static let solution: [String: String] = [
        "Relu.swift": "solution/Relu.swift", "Net.swift": "solution/Net.swift", "Loss.swift": "solution/Loss.swift",
        "SGD.swift": "solution/SGD.swift", "Train.swift": "solution/Train.swift",
    ]

    /// Whether Fashion-MNIST is installed (the train check needs the real data).
    static var hasFashionMNIST: Bool {
        FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
            || ProcessInfo.processInfo.environment["FASHION_MNIST_DIR"] != nil
    }
}

/// The code checkpoints of docs/code-checkpoints.md, parsed from that file (the same blocks the
/// lessons carry), so the tests check what authors paste.
enum CodeCheckpointFixtures {
    static func spec(_ id: String) throws -> CheckpointSpec {
        let doc = SharedTestWorkspace.shared.projectRoot.appendingPathComponent("docs/code-checkpoints.md")
        let text = try String(contentsOf: doc, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "```checkpoint \(id)") else { throw CallError("no checkpoint \(id) in the doc") }
        let end = lines[(start + 1)...].firstIndex(of: "```")!
        let yaml = lines[(start + 1)..<end].joined(separator: "\n")
        return try CheckpointSpecParser.parse(id: id, yaml: yaml, file: "docs/code-checkpoints.md", fenceLine: start + 1)
    }

    /// A checker that never writes the user's reference cache.
    static func checker(_ workspace: Workspace) -> CodeChecker {
        CodeChecker(workspace: workspace, judge: Judge(environment: CallEnvironment(cache: nil)))
    }
}

extension CodeCheckReport {
    /// The verdict's message and details in `language`, as the tutor prints them.
    func lines(_ language: TutorLanguage) -> [String] { ([verdict.message] + verdict.details).map { $0.text(language) } }
}
