import D2L
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// The graded course: relu-by-hand (2 points), loss-mean, param-count and the reflection
/// why-relu, judged by the real judge.
@Suite struct GradingTests {
    static var root: String { Bundle.module.resourcePath! + "/Fixtures/grading" }
    static var submissionsFolder: String { root + "/submissions" }
    static let lessons = try! Course.load(directory: root + "/lessons").lessons(in: "en")

    func grader(partial: Bool = false) -> Grader {
        Grader(lessons: Self.lessons, judge: sharedJudge, partialCredit: partial)
    }

    @Test func aFolderOfMixedSubmissionsGivesOneRowEachAndBrokenOnesSayWhy() throws {
        let submissions = SubmissionReader.read(paths: [Self.submissionsFolder])
        #expect(submissions.map(\.learner) == ["Ada Lovelace", "bob", "broken-yaml", "broken", "dan", "empty-folder", "list"])
        let report = grader().grade(submissions)
        let byName = Dictionary(uniqueKeysWithValues: report.submissions.map { ($0.learner, $0) })

        let ada = try #require(byName["Ada Lovelace"])
        #expect(ada.points == 4 && ada.maxPoints == 5 && ada.error == nil)
        #expect(ada.checkpoints.map(\.id) == ["relu-by-hand", "loss-mean", "param-count", "why-relu"])
        #expect(ada.checkpoints.map(\.outcome) == [.correct, .correct, .missing, .completed])

        let bob = try #require(byName["bob"])
        #expect(bob.points == 3)
        #expect(bob.checkpoints.map(\.outcome) == [.correct, .incorrect, .correct, .missing])
        #expect(bob.unknownIDs == ["not-a-checkpoint"])

        let dan = try #require(byName["dan"])
        #expect(dan.points == 3)
        #expect(dan.checkpoints[0].attempts == 2)   // the malformed answer is not an attempt

        for broken in ["broken-yaml", "broken", "empty-folder", "list"] {
            let row = try #require(byName[broken])
            #expect(row.error != nil, "\(broken) should be reported broken")
            #expect(row.points == 0 && row.maxPoints == 5)
        }
        #expect(byName["broken"]?.error?.contains("broken.json") == true)
        #expect(byName["list"]?.error?.contains("mapping") == true)
        #expect(byName["empty-folder"]?.error?.contains("no progress.json") == true)
    }

    @Test func partialCreditCountsAttemptsAndTheSolution() throws {
        let submissions = SubmissionReader.read(paths: [Self.submissionsFolder + "/dan"])
        let dan = try #require(grader(partial: true).grade(submissions).submissions.first)
        #expect(dan.checkpoints[0].points == 1.5)  // 2 points, second attempt: −25%
        #expect(dan.checkpoints[1].points == 0)    // the solution was viewed before the right answer
        #expect(dan.points == 1.5)
        let g = grader(partial: true)
        #expect(g.creditFactor(SubmittedAnswer(answer: "x", attempts: 1)) == 1)
        #expect(g.creditFactor(SubmittedAnswer(answer: "x", attempts: 3)) == 0.5)
        #expect(g.creditFactor(SubmittedAnswer(answer: "x", attempts: 9)) == 0.25)
        #expect(grader().creditFactor(SubmittedAnswer(answer: "x", attempts: 9, solutionViewedFirst: true)) == 1)
    }

    @Test func aLessonChangedSinceTheAnswerIsNoticed() throws {
        var progress = LearnerProgress(learner: "eve", course: "mlp", language: "en")
        let current = try #require(Self.lessons.first { $0.id == "02-relu" }?.sha256)
        progress.recordAnswer("loss-mean", lesson: "03-loss", answer: "0.5", outcome: .correct, lessonHash: "old")
        progress.recordAnswer("relu-by-hand", lesson: "02-relu", answer: "[[0,0,2],[3,0,0.5]]", outcome: .correct, lessonHash: current)
        let data = try! ProgressStore.makeEncoder().encode(progress)
        let file = NSTemporaryDirectory() + "eve-\(UUID().uuidString).json"
        #expect(FileManager.default.createFile(atPath: file, contents: data))
        let report = grader().grade(SubmissionReader.read(paths: [file]))
        let rows = report.submissions[0].checkpoints
        #expect(rows.first { $0.id == "loss-mean" }?.lessonChanged == true)
        #expect(rows.first { $0.id == "relu-by-hand" }?.lessonChanged == false)
        #expect(report.table().contains("1 answered on a changed lesson"))
        // The same lesson in another language (one progress holds both) is no change.
        let chinese = Lesson(id: "03-loss", language: "zh", title: "t", markdown: "", sha256: "old", file: "zh/03-loss.md",
                             blocks: [], errors: [])
        let both = Grader(lessons: Self.lessons, judge: sharedJudge, translations: [chinese]).grade(SubmissionReader.read(paths: [file]))
        #expect(both.submissions[0].checkpoints.first { $0.id == "loss-mean" }?.lessonChanged == false)
    }

    @Test func everyFormatCarriesEveryRow() throws {
        let report = grader().grade(SubmissionReader.read(paths: [Self.submissionsFolder]))

        let csv = report.csv().split(separator: "\n").map(String.init)
        #expect(csv[0].hasPrefix("learner,source,checkpoint"))
        // 3 graded learners × (4 checkpoints + total) + 4 broken rows + header.
        #expect(csv.count == 1 + 3 * 5 + 4)
        #expect(csv.contains { $0.hasPrefix("Ada Lovelace,") && $0.contains(",relu-by-hand,02-relu,correct,2,2,1,") })
        #expect(csv.contains { $0.hasPrefix("broken,") && $0.contains(",broken,0,5,") })

        let decoded = try GradeJSON.decoder().decode(GradeReport.self, from: Data(report.json().utf8))
        #expect(decoded == report)
        #expect(report.json().contains("\"reflection_policy\""))

        let junit = report.junit()
        let document = try XMLDocument(xmlString: junit)
        let suites = try document.nodes(forXPath: "//testsuite")
        #expect(suites.count == 7)
        let failures = try document.nodes(forXPath: "//testsuite[@name='bob']/testcase/failure")
        #expect(failures.count == 2)   // loss-mean wrong, why-relu missing
        #expect(try document.nodes(forXPath: "//error").count == 4)

        let table = report.table()
        #expect(table.contains("BROKEN"))
        #expect(table.contains("reflections count as completion"))
        #expect(table.contains("library \(D2LVersion.string)"))
    }

    @Test func yamlAndJSONValuesBecomeTheTextALearnerWouldType() {
        #expect(SubmissionReader.answerText([[0, 0, 2], [3, 0, 0.5]] as [Any]) == "[[0, 0, 2], [3, 0, 0.5]]")
        #expect(SubmissionReader.answerText(203530) == "203530")
        #expect(SubmissionReader.answerText(0.25) == "0.25")
        #expect(SubmissionReader.answerText("(784, 256)") == "(784, 256)")
        #expect(SubmissionReader.answerText(["a": 1]) == nil)
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
