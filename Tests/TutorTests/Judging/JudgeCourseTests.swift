import D2L
import Foundation
import Testing
@testable import Judging
@testable import Lessons

private final class ProgressRecorder: JudgeProgress, @unchecked Sendable {
    var fractions: [Double] = []
    var stopAfter: Int?
    func report(fraction: Double, label: LocalizedText) { fractions.append(fraction) }
    var shouldStop: Bool { stopAfter.map { fractions.count >= $0 } ?? false }
}

private func checkpoint(_ id: String, _ language: TutorLanguage = .en) throws -> CheckpointSpec {
    try Course.load(directory: Fixtures.course).findCheckpoint(id, language: language.rawValue).spec
}

@Test func verdictsSpeakBothLanguagesAndMalformedIsNoAttempt() throws {
    let right = try sharedJudge.judge("[[0, 0, 2], [3, 0, 0.5]]", for: try checkpoint("relu-by-hand"))
    #expect(right.outcome == .correct && right.points == 1)
    let wrong = try sharedJudge.judge("[[0, 0, 2], [3, 0, 0.4]]", for: try checkpoint("relu-by-hand", .zh))
    #expect(wrong.outcome == .incorrect && wrong.message.text(.zh).contains("元素是 [1, 2]"))
    let malformed = try sharedJudge.judge("[[0, 0, 2]", for: try checkpoint("relu-by-hand"))
    #expect(malformed.outcome == .malformed && malformed.message.en.hasPrefix("column 11"))
    let saved = try sharedJudge.judge("it grows", for: try checkpoint("reflect"))
    #expect(saved.outcome == .saved && saved.modelAnswer == "The search space grows multiplicatively.")
}

@Test func solutionsAreWhatALearnerWouldType() throws {
    #expect(try sharedJudge.solution(for: try checkpoint("w1-shape"))?.answerText == "(784, 256)")
    #expect(try sharedJudge.solution(for: try checkpoint("why-not-zero")) == .choice(1, "Every hidden unit computes the same thing."))
    #expect(try sharedJudge.solution(for: try checkpoint("relu-by-hand"))?.answerText == "[[0, 0, 2], [3, 0, 0.5]]")
    let s = try #require(try sharedJudge.solution(for: try checkpoint("net-forward"))?.answerText)
    #expect(!s.contains("…"))
    #expect(try sharedJudge.judge(s, for: try checkpoint("net-forward")).outcome == .correct)
}

/// The tensor and shape checkpoints of the course, in both languages: those whose reference
/// trains networks, or those that do not.
func courseTensorCheckpoints(training: Bool) throws -> [(String, CheckpointSpec)] {
    let course = try Course.load(directory: CourseFiles.lessonsDirectory.path)
    return course.languages.flatMap { language in
        course.lessons(in: language).flatMap(\.checkpoints)
            .filter { ($0.expect == .tensor || $0.expect == .shape) && CourseLintAndRenderTests.trains($0) == training }
            .map { (language, $0) }
    }
}

/// Whose inputs the solutions are typed back with.
let solutionLearner = LearnerIdentity(learner: "tester", course: "mlp-from-scratch")

/// `solution` shows what the judge accepts: the solution of every tensor and shape
/// checkpoint, typed back in full, is correct.
func expectSolutionsTypeBack(_ checkpoints: [(String, CheckpointSpec)], judge: Judge) throws {
    for (language, spec) in checkpoints {
        let solution = try #require(try judge.solution(for: spec, learner: solutionLearner), "\(spec.id) has no solution")
        let verdict = try judge.judge(solution.answerText, for: spec, learner: solutionLearner)
        #expect(verdict.outcome == .correct, "\(language)/\(spec.id): its solution is judged \(verdict.outcome)")
    }
}

@Test func everySolutionOfTheCourseIsAcceptedWhenTypedBack() throws {
    let checkpoints = try courseTensorCheckpoints(training: false)
    #expect(checkpoints.count >= 20)
    try expectSolutionsTypeBack(checkpoints, judge: sharedJudge)
}

@Test(.enabled(if: fashionMNISTInstalled)) func trainingReportsProgressAndCanBeStopped() throws {
    let judge = Judge(environment: CallEnvironment(data: try sharedContext.data(), cache: nil))
    let recorder = ProgressRecorder()
    let v = try judge.judge("0.5", for: try checkpoint("train-small"), progress: recorder)
    #expect(v.outcome != .malformed)
    #expect(!recorder.fractions.isEmpty && recorder.fractions.last == 1 && recorder.fractions == recorder.fractions.sorted())
    let stopper = ProgressRecorder()
    stopper.stopAfter = 2
    #expect { try judge.judge("0.5", for: try checkpoint("train-small"), progress: stopper) } throws: {
        if case .interrupted = $0 as? JudgeError { return true }
        return false
    }
}

@Test func lessonsAreWalkedStepByStep() throws {
    let course = try Course.load(directory: Fixtures.course)
    let lessons = course.lessons(in: "zh")
    #expect(lessons.map(\.id) == ["01-relu", "02-train"])
    #expect(lessons[0].title == "手算 ReLU")
    #expect(lessons[0].steps.count == lessons[0].checkpoints.count + 1)
    #expect(lessons[0].steps.first?.checkpoint?.hints.count == 2)
    #expect(course.lessons(in: "en")[0].checkpoints.first { $0.id == "net-forward" }?.seeds == [7, 0])
}
