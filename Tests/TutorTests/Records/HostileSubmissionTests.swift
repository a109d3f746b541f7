import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records

/// Submissions written to fool or crash grading: each is one row saying what is wrong, the
/// others are graded, and nothing outside a learner's folder is read or run.
@Suite struct HostileSubmissionTests {
    static let codeLesson = """
        # Code

        ```checkpoint relu-code
        expect: code
        function: relu
        cases:
          - X: [[-1.5, 0.0, 2.0]]
        prompt: Write relu.
        points: 2
        ```
        """

    /// A temporary folder holding `lessons/en` (the grading fixtures plus a code checkpoint) and
    /// an empty `submissions`.
    func withCourse<T>(_ body: (_ lessons: [Lesson], _ submissions: URL) throws -> T) throws -> T {
        try withTemporaryDirectory("tutor-hostile") { dir in
            let fm = FileManager.default
            let lessons = dir.appendingPathComponent("lessons/en")
            try fm.createDirectory(at: lessons.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(atPath: GradingTests.root + "/lessons/en", toPath: lessons.path)
            try Self.codeLesson.write(to: lessons.appendingPathComponent("05-code.md"), atomically: true, encoding: .utf8)
            let submissions = dir.appendingPathComponent("submissions")
            try fm.createDirectory(at: submissions, withIntermediateDirectories: true)
            return try body(try Course.load(directory: dir.appendingPathComponent("lessons").path).lessons(in: "en"), submissions)
        }
    }

    func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func grader(_ lessons: [Lesson]) -> Grader {
        let code = LearnerCodeJudge(requiresSandbox: true, availability: .unavailable(reason: "no sandbox in this test"))
        return Grader(lessons: lessons, judge: sharedJudge.checkingCode(with: code))
    }

    @Test func eachHostileSubmissionIsOneRowAndTheOthersAreGraded() throws {
        try withCourse { lessons, submissions in
            try write("relu-by-hand: [[0, 0, 2], [3, 0, 0.5]]\n", submissions.appendingPathComponent("alice/answers.yaml"))
            // A file that is a link to a file of the grader's.
            try FileManager.default.createSymbolicLink(atPath: submissions.appendingPathComponent("mallory.yaml").path,
                                                       withDestinationPath: "/etc/passwd")
            try FileManager.default.createDirectory(at: submissions.appendingPathComponent("eve"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: submissions.appendingPathComponent("eve/answers.yaml").path,
                                                       withDestinationPath: "/etc/passwd")
            let deep = String(repeating: "[", count: 40_000) + "1" + String(repeating: "]", count: 40_000)
            try write("{\"relu-by-hand\": \"\(deep)\"}", submissions.appendingPathComponent("deep/answers.json"))
            var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            for (name, previous) in zip(["b", "c", "d", "e", "f", "g", "h", "i"], ["a", "b", "c", "d", "e", "f", "g", "h"]) {
                bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            }
            try write(bomb, submissions.appendingPathComponent("bomb/answers.yaml"))
            let huge = submissions.appendingPathComponent("huge/answers.json")
            try write("{}", huge)
            #expect(truncate(huge.path, 500 << 20) == 0)

            let read = SubmissionReader.read(paths: [submissions.path])
            let report = grader(lessons).grade(read)
            let rows = Dictionary(uniqueKeysWithValues: report.submissions.map { ($0.learner, $0) })
            #expect(rows.keys.sorted() == ["alice", "bomb", "deep", "eve", "huge", "mallory"])
            #expect(rows["alice"]?.error == nil)
            #expect(rows["alice"]?.checkpoints.first { $0.id == "relu-by-hand" }?.outcome == .correct)
            #expect(rows["mallory"]?.error?.contains("symbolic link") == true)
            #expect(rows["eve"]?.error?.contains("symbolic link") == true)
            #expect(rows["deep"]?.error?.contains("nested more than 64") == true, "\(rows["deep"]?.error ?? "")")
            // Refused before expansion, by the count of values its aliases would make.
            #expect(rows["bomb"]?.error?.contains("more than 200000 values (anchors and aliases count at every use)") == true,
                    "\(rows["bomb"]?.error ?? "")")
            #expect(rows["huge"]?.error?.contains("MB") == true, "\(rows["huge"]?.error ?? "")")
            #expect(!report.rendered(.csv).contains("root:"))
            #expect(!report.table().contains("root:"))
        }
    }

    @Test func codeAnswersResolveInsideTheLearnersOwnFolderOnly() throws {
        try withCourse { lessons, submissions in
            let alice = submissions.appendingPathComponent("alice")
            try write("relu-code: check\n", alice.appendingPathComponent("answers.yaml"))
            try write("relu-code: ../bob/mlp-exercises\n", submissions.appendingPathComponent("carol/answers.yaml"))
            try write("relu-code: /tmp\n", submissions.appendingPathComponent("dave/answers.yaml"))
            try write("relu-code: ws\n", submissions.appendingPathComponent("erin/answers.yaml"))
            try FileManager.default.createSymbolicLink(atPath: submissions.appendingPathComponent("erin/ws").path,
                                                       withDestinationPath: "../bob/mlp-exercises")
            try write("x", submissions.appendingPathComponent("bob/mlp-exercises/Package.swift"))
            try write("relu-code: mlp-exercises\n", submissions.appendingPathComponent("bob/answers.yaml"))

            let report = grader(lessons).grade(SubmissionReader.read(paths: [submissions.path]))
            func row(_ learner: String) -> CheckpointGrade? {
                report.submissions.first { $0.learner == learner }?.checkpoints.first { $0.id == "relu-code" }
            }
            #expect(row("alice")?.outcome == .malformed)
            #expect(row("alice")?.message.contains("no such folder") == true, "\(row("alice")?.message ?? "")")
            #expect(row("carol")?.message.contains("outside the learner's submission folder") == true)
            #expect(row("dave")?.message.contains("relative to their folder") == true)
            #expect(row("erin")?.message.contains("outside the learner's submission folder") == true)
            // bob's own workspace gets as far as the code judge, which refuses to run it unsandboxed.
            #expect(row("bob")?.message.contains("not graded: learner code cannot be sandboxed here") == true,
                    "\(row("bob")?.message ?? "")")
            #expect(report.submissions.allSatisfy { $0.points == 0 || $0.checkpoints.allSatisfy { $0.id != "relu-code" || $0.points == 0 } })
        }
    }

    /// A workspace that does not compile: its row names the first compiler error, file, line and column.
    @Test func aCodeAnswerThatDoesNotCompileNamesItsFirstError() throws {
        struct FailingBuild: CodeJudging {
            func verdict(for spec: CheckpointSpec, answer: String, judge: Judge, progress: JudgeProgress?) throws -> Verdict {
                var v = Verdict(checkpointID: spec.id, outcome: .incorrect, message: CodeMessages.buildFailed, maxPoints: spec.points)
                v.details = ["Sources/Exercises/Relu.swift:3:12: error: cannot find 'y' in scope", "return y"].map(LocalizedText.init(verbatim:))
                return v
            }
        }
        try withCourse { lessons, submissions in
            try write("relu-code: ws\n", submissions.appendingPathComponent("alice/answers.yaml"))
            try FileManager.default.createDirectory(at: submissions.appendingPathComponent("alice/ws"), withIntermediateDirectories: true)
            for language in TutorLanguage.allCases {
                let grader = Grader(lessons: lessons, judge: sharedJudge.checkingCode(with: FailingBuild()), language: language)
                let row = grader.grade(SubmissionReader.read(paths: [submissions.path])).submissions.first?.checkpoints.first { $0.id == "relu-code" }
                #expect(row?.outcome == .incorrect)
                let error = "Sources/Exercises/Relu.swift:3:12: error: cannot find 'y' in scope"
                #expect(row?.message == (language == .zh ? "你的代码无法编译：" + error : "your code does not compile: " + error))
            }
        }
    }

    @Test func reportsShowNoTerminalEscapesAndNoSpreadsheetFormulas() throws {
        try withCourse { lessons, submissions in
            try write("learner: \"=HYPERLINK(\\\"http://evil\\\")\\e[2J\\e]0;owned\\a\"\nrelu-by-hand: \"\\e[31m[[1]]\"\n",
                      submissions.appendingPathComponent("x/answers.yaml"))
            let report = grader(lessons).grade(SubmissionReader.read(paths: [submissions.path]))
            for format in GradeFormat.allCases {
                #expect(!report.rendered(format).contains("\u{1B}"), "\(format)")
            }
            let csv = report.rendered(.csv)
            #expect(csv.contains("\"'=HYPERLINK("), "\(csv)")
            #expect(!csv.contains(",=HYPERLINK") && !csv.hasPrefix("=") && !csv.contains("\n=HYPERLINK"))
        }
    }
}
