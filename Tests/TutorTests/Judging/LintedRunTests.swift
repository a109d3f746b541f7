import Testing
@testable import Judging
@testable import Lessons

/// The course's checkpoints that train, judged through the runs `tutor lint lessons` leaves in
/// the tutor's run cache (most train on the full data set: seconds each, minutes in all), which
/// `make test` runs before the tests. A run missing from the cache fails the test, naming its
/// checkpoints, instead of training here.
@Suite struct LintedRunTests {
    /// The checkpoints among `checkpoints` whose runs are not in `judge`'s cache, as `language/id`.
    static func missingRuns(_ checkpoints: [(String, CheckpointSpec)], judge: Judge, learner: LearnerIdentity) -> [String] {
        checkpoints.filter { judge.isExpensive($0.1, learner: learner) }.map { "\($0.0)/\($0.1.id)" }
    }

    static func missingMessage(_ missing: [String], judge: Judge) -> Comment {
        """
        the training runs of \(missing.joined(separator: ", ")) are not in the run cache \
        \(judge.environment.cache?.directory ?? "(no cache folder can be named)"): \
        run `tutor lint lessons` first (`make test` does)
        """
    }

    /// Under `diagnostic` feedback no wrong answer's verdict shows its reference (as
    /// `FeedbackLeakTests` checks for the checkpoints that do not train).
    @Test(.enabled(if: fashionMNISTInstalled)) func noDiagnosticVerdictOfATrainedCheckpointShowsItsReference() throws {
        let checkpoints = try FeedbackLeakTests.courseCheckpoints(training: true).map { ($0.language, $0.spec) }
        #expect(checkpoints.count >= 20)
        let judge = Judge()
        let missing = Self.missingRuns(checkpoints, judge: judge, learner: FeedbackLeakTests.learner)
        #expect(missing.isEmpty, Self.missingMessage(missing, judge: judge))
        var checked = 0
        for (language, spec) in checkpoints where !missing.contains("\(language)/\(spec.id)") {
            checked += try FeedbackLeakTests.expectNoLeak(spec, language: language, judge: judge)
        }
        #expect(checked >= 80)
    }

    /// `solution` shows what the judge accepts: typed back in full, it is correct.
    @Test(.enabled(if: fashionMNISTInstalled)) func everyTrainedSolutionOfTheCourseIsAcceptedWhenTypedBack() throws {
        let checkpoints = try courseTensorCheckpoints(training: true)
        #expect(checkpoints.count >= 6)
        let judge = Judge()
        let missing = Self.missingRuns(checkpoints, judge: judge, learner: solutionLearner)
        try #require(missing.isEmpty, Self.missingMessage(missing, judge: judge))
        try expectSolutionsTypeBack(checkpoints, judge: judge)
    }
}
