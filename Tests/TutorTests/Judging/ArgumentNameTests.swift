import Foundation
import Testing
@testable import Judging
@testable import Lessons

/// Argument names become file names in `tutor export`: they are identifiers, checked by lint
/// and again by export, so nothing is written outside the export folder.
@Suite struct ArgumentNameTests {
    let hostile = "call: relu\nargs: {X: [[1.0, -1.0]], \"../../escaped\": [[1.0, 2.0]]}\nexpect: tensor\nprompt: p"

    @Test func identifiersAreArgumentNamesAndPathsAreNot() {
        for good in ["X", "y_hat", "W1", "batch_size", "_x"] { #expect(CheckpointExport.isArgumentName(good), "\(good)") }
        for bad in ["../../x", "a/b", "1x", "", "x.npy", "x y", "名字"] { #expect(!CheckpointExport.isArgumentName(bad), "\(bad)") }
    }

    @Test func exportRefusesAPathAsAnArgumentNameAndWritesNothing() throws {
        let dir = temporaryDirectory("export-names")
        let inner = dir + "/a/b"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try #require(spec(hostile))
        #expect(throws: LessonError.self) { try CheckpointExport.write(s, context: sharedContext, format: .npy, directory: inner) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/escaped.npy"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: inner))?.isEmpty ?? true)
    }

    @Test func lintNamesTheArgumentThatIsNotAnIdentifier() throws {
        let s = try #require(spec(hostile))
        let problems = Linter(judge: sharedJudge).lint(s).map(\.description)
        #expect(problems.contains { $0.contains("argument name '../../escaped' is not an identifier") }, "\(problems)")
    }
}
