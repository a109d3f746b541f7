import Foundation
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// Paths of this target's fixtures.
enum Fixtures {
    static var root: String { Bundle.module.path(forResource: "Fixtures", ofType: nil)! }
    static var course: String { root + "/course" }
    static var badCourse: String { root + "/badcourse" }
}

/// A fresh temporary folder, removed by the caller.
func temporaryDirectory(_ name: String = "tutorcore") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Runs `body` with a fresh temporary folder, removed afterwards.
func withTemporaryDirectory<T>(_ name: String, _ body: (URL) throws -> T) rethrows -> T {
    let dir = URL(fileURLWithPath: temporaryDirectory(name))
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(dir)
}

/// Whether the real Fashion-MNIST files are installed (tests that train need them).
let fashionMNISTInstalled = FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")
    || ProcessInfo.processInfo.environment["FASHION_MNIST_DIR"] != nil

/// One shared environment: the dataset is loaded once for all tests; no disk cache.
let sharedEnvironment = CallEnvironment(dataDirectory: nil, cache: nil)
var sharedContext: CallContext { CallContext(sharedEnvironment) }
/// The judge every test shares (as the tutor shares one across threads).
let sharedJudge = Judge(environment: sharedEnvironment)

/// Args from a YAML-ish flow mapping via the spec parser, e.g. `args("{X: [[1, -2]]}")`.
func args(_ flow: String) -> [ArgEntry] {
    let lesson = LessonParser.parse(markdown: "# T\n```checkpoint a\ncall: relu\nargs: \(flow)\nexpect: tensor\nprompt: p\n```\n",
                                    file: "t.md", language: "en")
    return lesson.checkpoints.first?.args ?? []
}

/// A checkpoint spec from its YAML body.
func spec(_ yaml: String, id: String = "cp") -> CheckpointSpec? {
    LessonParser.parse(markdown: "# T\n\n```checkpoint \(id)\n\(yaml)\n```\n", file: "t.md", language: "en").checkpoints.first
}

/// Runs a registry call and returns its numbers.
func run(_ call: String, _ flow: String, context: CallContext = sharedContext) throws -> CallResult {
    try CallRegistry.standard.run(call, args: args(flow), context: context)
}
