import Foundation
import Testing
@testable import Judging
@testable import Lessons
@testable import Records

/// Grading judges submissions on several threads with one real judge. `make test` runs this target
/// a second time under ThreadSanitizer (`TUTOR_TSAN=1`, see Package.swift), which fails on any race.
@Suite struct ParallelGradingTests {
    /// The grading fixture of TutorTests: relu-by-hand (2 points), loss-mean, param-count, why-relu.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TutorTests/Fixtures/grading").path
    static let lessons = try! Course.load(directory: root + "/lessons").lessons(in: "en")

    @Test func parallelGradingGivesTheSameReportAsOneByOne() {
        var submissions = SubmissionReader.read(paths: [Self.root + "/submissions"])
        #expect(submissions.count == 7)
        // Many learners with different answers, so rows would differ if they were mixed up.
        for index in 0..<200 {
            submissions.append(Submission(learner: "learner-\(index)", source: "generated", answers: [
                "loss-mean": SubmittedAnswer(answer: index % 3 == 0 ? "0.5" : "0.\(index)", attempts: 1 + index % 4),
                "param-count": SubmittedAnswer(answer: index % 2 == 0 ? "203530" : "[203530"),
                "relu-by-hand": SubmittedAnswer(answer: index % 5 == 0 ? "[[0, 0, 2], [3, 0, 0.5]]" : "[[0, 0, 2], [3, 0, \(index)]]"),
            ]))
        }
        let judge = Judge(environment: CallEnvironment(dataDirectory: nil, cache: nil))
        let grader = Grader(lessons: Self.lessons, judge: judge, partialCredit: true)
        let serial = grader.grade(submissions, workers: 1)
        let parallel = grader.grade(submissions, workers: 8)
        #expect(serial == parallel)
        #expect(serial.submissions.count == submissions.count)
        // learner-3: the loss right on the 4th attempt keeps 25%; "[203530" is malformed; relu wrong.
        #expect(serial.submissions[7 + 3].points == 0.25)
        // learner-10: relu right (2 points, 1st attempt); the loss 0.10 wrong; the count right.
        #expect(serial.submissions[7 + 10].points == 3)
    }
}
