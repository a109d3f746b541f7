import Foundation
import Testing
@testable import TutorCore

private final class JudgeProgressRecorder: JudgeProgress, @unchecked Sendable {
    var fractions: [Double] = []
    var stopAfter: Int?
    func report(fraction: Double, label: String) { fractions.append(fraction) }
    var shouldStop: Bool { stopAfter.map { fractions.count >= $0 } ?? false }
}

private func judge() throws -> CheckpointJudge {
    CheckpointJudge(course: try Course.load(directory: Fixtures.course), checker: Checker(context: sharedContext))
}

@Test func judgeSpeaksTheLessonLanguage() throws {
    let j = try judge()
    let right = try j.judge(checkpoint: "relu-by-hand", answer: "[[0, 0, 2], [3, 0, 0.5]]", language: .en, progress: nil)
    #expect(right.outcome == .correct && right.points == 1)
    let wrong = try j.judge(checkpoint: "relu-by-hand", answer: "[[0, 0, 2], [3, 0, 0.4]]", language: .zh, progress: nil)
    #expect(wrong.outcome == .incorrect && wrong.lines.first?.contains("元素 [1, 2]") == true)
    let malformed = try j.judge(checkpoint: "relu-by-hand", answer: "[[0, 0, 2]", language: .en, progress: nil)
    #expect(malformed.outcome == .malformed && malformed.lines.first?.hasPrefix("column 11") == true)
    let saved = try j.judge(checkpoint: "reflect", answer: "it grows", language: .en, progress: nil)
    #expect(saved.outcome == .saved && saved.modelAnswer == "The search space grows multiplicatively.")
    #expect(throws: CourseError.self) { try j.judge(checkpoint: "nope", answer: "1", language: .en, progress: nil) }
}

@Test func solutionsAreWhatALearnerWouldType() throws {
    let j = try judge()
    #expect(try j.solution(checkpoint: "w1-shape", language: .en, progress: nil) == "(784, 256)")
    #expect(try j.solution(checkpoint: "why-not-zero", language: .en, progress: nil) == "b) Every hidden unit computes the same thing.")
    #expect(try j.solution(checkpoint: "relu-by-hand", language: .en, progress: nil) == "[[0, 0, 2], [3, 0, 0.5]]")
    // What the solution prints is accepted as the answer.
    let s = try #require(try j.solution(checkpoint: "net-forward", language: .en, progress: nil))
    #expect(!s.contains("…"))
    let judged = try j.judge(checkpoint: "net-forward", answer: s, language: .en, progress: nil)
    #expect(judged.outcome == .correct)
}

@Test(.enabled(if: fashionMNISTInstalled)) func trainingReportsProgressAndCanBeStopped() throws {
    let course = try Course.load(directory: Fixtures.course)
    let j = CheckpointJudge(course: course, checker: Checker(context: CallContext(data: try sharedContext.data(), cache: nil)))
    let recorder = JudgeProgressRecorder()
    let v = try j.judge(checkpoint: "train-small", answer: "0.5", language: .en, progress: recorder)
    #expect(v.outcome != .malformed)
    #expect(!recorder.fractions.isEmpty && recorder.fractions.last == 1 && recorder.fractions == recorder.fractions.sorted())
    let stopper = JudgeProgressRecorder()
    stopper.stopAfter = 2
    #expect { try j.judge(checkpoint: "train-small", answer: "0.5", language: .en, progress: stopper) } throws: {
        ($0 as? CallError)?.interrupted == true
    }
}

@Test func theTutorCourseMirrorsTheLessons() throws {
    let course = try Course.load(directory: Fixtures.course)
    let t = TutorCourse(course: course, language: .zh, name: "fixture")
    #expect(t.lessons.map(\.id) == ["01-relu", "02-train"])
    #expect(t.lessons[0].title == "手算 ReLU")
    #expect(t.lessons[0].steps.count == course.lessons(in: "zh")[0].checkpoints.count + 1)
    #expect(t.lessons[0].checkpoints.first?.hints.count == 2)
    #expect(course.lessons(in: "en")[0].checkpoints.first { $0.id == "net-forward" }?.seeds == [7, 0])
}
