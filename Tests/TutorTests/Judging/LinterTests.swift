import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

@Test func theGoodFixtureCourseHasNoProblems() {
    let problems = Linter(judge: sharedJudge).lint(directory: Fixtures.course)
    #expect(problems.isEmpty, "\(problems)")
}

@Test func lintFindsEveryProblemAtItsLine() {
    let problems = Linter(judge: sharedJudge).lint(directory: Fixtures.badCourse)
    let found = problems.map { (($0.location.file as NSString).lastPathComponent, $0.location.line, $0.message) }
    let expected: [(String, Int, String)] = [
        ("01-bad.md", 4, "unknown call 'relux' (did you mean 'relu'?)"),
        ("01-bad.md", 15, "`relu` has no argument `Y`"),
        ("01-bad.md", 23, "rectangular"),
        ("01-bad.md", 31, "YAML"),
        ("01-bad.md", 40, "2 labels for 1 rows"),
        ("01-bad.md", 53, "mistake: `relu_abs` has no argument `Z`"),
        ("01-bad.md", 68, "unknown key 'promt' (did you mean 'prompt'?)"),
        ("02-dup.md", 1, "has no zh version"),
        ("02-dup.md", 3, "checkpoint id 'only-en' is already used"),
        ("01-bad.md", 1, "checkpoint 'unknown-arg'"),
        ("notes.md", 1, "not a lesson file name"),
        ("01-bad.md", 78, "mistake: its answer [[0.75]] is accepted as correct"),
    ]
    for (file, line, words) in expected {
        #expect(found.contains { $0.0 == file && $0.1 == line && $0.2.contains(words) }, "missing \(file):\(line): \(words)")
    }
    // zh/01-bad.md repeats the unknown call at its own line 4.
    #expect(problems.contains { $0.location.file.hasSuffix("zh/01-bad.md") && $0.location.line == 4 })
    #expect(problems.allSatisfy { $0.description.hasPrefix($0.location.file + ":") })
}

@Test func aMissingFolderIsOneProblem() {
    let problems = Linter().lint(directory: "/nonexistent/lessons")
    #expect(problems.count == 1 && problems[0].message.contains("no such folder"))
}

@Test func theCourseLoadsPerLanguage() throws {
    let course = try Course.load(directory: Fixtures.course)
    #expect(course.languages == ["en", "zh"])
    #expect(course.lessons(in: "zh").first?.title == "手算 ReLU")
    #expect(course.lessons(in: "en").map(\.id) == ["01-relu", "02-train"])
    #expect(course.checkpoint("w1-shape", language: "zh")?.lesson.language == "zh")
    #expect(throws: CourseError.self) { try course.findCheckpoint("relu-by-hnd", language: "en") }
    #expect(course.outline(language: "en").lessons.first?.checkpointIDs.first == "relu-by-hand")
}

@Test(.enabled(if: fashionMNISTInstalled)) func lintTrainsTheRunsTheCacheLacksSideBySideOnceEach() throws {
    try withTemporaryDirectory("lint-jobs") { dir in
        let judge = Judge(environment: CallEnvironment(dataDirectory: nil, cache: RunCache(directory: dir.path)))
        let linter = Linter(judge: judge)
        let told = Locked<[[Int]]>([])
        // In both languages: train-small and train-losses share one run, train-losses' lr 0.01
        // mistake is a second, and the width sweep two more.
        let trained = linter.trainMissingRuns(directory: Fixtures.course, jobs: 2) { n, count in told.withLock { $0.append([n, count]) } }
        #expect(trained == 4)
        #expect(told.withLock { $0 }.sorted { $0[0] < $1[0] } == [[1, 4], [2, 4], [3, 4], [4, 4]])
        let checkpoints = try Course.load(directory: Fixtures.course).lessons(in: "en").flatMap(\.checkpoints)
        #expect(checkpoints.filter { judge.isExpensive($0) }.map(\.id) == [])
        #expect(linter.trainMissingRuns(directory: Fixtures.course, jobs: 2) { _, _ in } == 0)
        #expect(linter.lint(directory: Fixtures.course).isEmpty)
    }
}
