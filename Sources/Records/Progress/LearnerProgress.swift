import Foundation
import Judging
import Lessons

/// One attempt at a checkpoint: what the learner typed and what the tutor said.
public struct AttemptRecord: Codable, Equatable, Sendable {
    public var answer: String
    public var outcome: Outcome
    /// The verdict's one-line summary, as shown to the learner.
    public var summary: String?
    public var time: Date

    public init(answer: String, outcome: Outcome, summary: String? = nil, time: Date) {
        self.answer = answer
        self.outcome = outcome
        self.summary = summary
        self.time = time
    }
}

/// Where a checkpoint stands for one learner.
public enum CheckpointStatus: String, Codable, Sendable, CaseIterable {
    /// Answered correctly (or a reflection answered: reflections count as done).
    case done
    /// Answered, never correctly yet.
    case attempted
    /// Skipped without a correct answer.
    case skipped
}

/// Everything recorded about one checkpoint for one learner.
public struct CheckpointProgress: Codable, Equatable, Sendable {
    /// The lesson file the checkpoint lives in (`02-relu.md`).
    public var lesson: String
    public var status: CheckpointStatus
    public var attempts: [AttemptRecord]
    public var hintsUsed: Int
    public var solutionViewed: Bool
    public var solutionViewedAt: Date?
    public var firstSeen: Date?
    /// SHA-256 of the lesson file when the checkpoint was last answered (grading notices a
    /// lesson that changed since).
    public var lessonHash: String?

    public init(lesson: String, status: CheckpointStatus = .attempted, attempts: [AttemptRecord] = [],
                hintsUsed: Int = 0, solutionViewed: Bool = false, solutionViewedAt: Date? = nil,
                firstSeen: Date? = nil) {
        self.lesson = lesson
        self.status = status
        self.attempts = attempts
        self.hintsUsed = hintsUsed
        self.solutionViewed = solutionViewed
        self.solutionViewedAt = solutionViewedAt
        self.firstSeen = firstSeen
    }

    /// Attempts that were judged (malformed answers do not count as attempts).
    public var attemptCount: Int { attempts.filter(\.outcome.isAttempt).count }
    /// The answer that was judged last, if any.
    public var lastAnswer: String? { attempts.last(where: \.outcome.isAttempt)?.answer }
    /// The first correct answer, if any.
    public var correctAnswer: String? { attempts.first(where: \.outcome.isDone)?.answer }
}

/// One learner's progress in one course, whichever language is shown: the content of `progress.json`.
public struct LearnerProgress: Codable, Equatable, Sendable {
    /// The file format; a file with a larger number is refused rather than overwritten.
    public static let currentSchema = 1

    public var schema: Int
    public var learner: String
    public var course: String
    /// The language the course was last shown in (a preference; the records hold for both).
    public var language: String
    public var position: CoursePosition?
    /// By checkpoint id (ids are unique across the course).
    public var checkpoints: [String: CheckpointProgress]
    public var updated: Date?

    public init(learner: String, course: String, language: String, position: CoursePosition? = nil,
                checkpoints: [String: CheckpointProgress] = [:], updated: Date? = nil) {
        self.schema = Self.currentSchema
        self.learner = learner
        self.course = course
        self.language = language
        self.position = position
        self.checkpoints = checkpoints
        self.updated = updated
    }

    /// The record of `id`, created for `lesson` when missing.
    public mutating func record(_ id: String, lesson: String, now: Date) -> CheckpointProgress {
        if let existing = checkpoints[id] { return existing }
        return CheckpointProgress(lesson: lesson, status: .attempted, firstSeen: now)
    }

    /// Records a judged answer.
    public mutating func recordAnswer(_ id: String, lesson: String, answer: String, outcome: Outcome,
                                      summary: String? = nil, lessonHash: String? = nil, now: Date = Date()) {
        var entry = record(id, lesson: lesson, now: now)
        if let lessonHash { entry.lessonHash = lessonHash }
        entry.attempts.append(AttemptRecord(answer: answer, outcome: outcome, summary: summary, time: now))
        if outcome.isDone {
            entry.status = .done
        } else if entry.status != .done, outcome.isAttempt {
            entry.status = .attempted
        }
        checkpoints[id] = entry
        updated = now
    }

    /// Records that one more hint was shown (`shown` is the number shown so far).
    public mutating func recordHint(_ id: String, lesson: String, shown: Int, now: Date = Date()) {
        var entry = record(id, lesson: lesson, now: now)
        entry.hintsUsed = max(entry.hintsUsed, shown)
        if entry.attempts.isEmpty, entry.status != .done { entry.status = .attempted }
        checkpoints[id] = entry
        updated = now
    }

    /// Records that the solution was shown.
    public mutating func recordSolution(_ id: String, lesson: String, now: Date = Date()) {
        var entry = record(id, lesson: lesson, now: now)
        if !entry.solutionViewed { entry.solutionViewedAt = now }
        entry.solutionViewed = true
        checkpoints[id] = entry
        updated = now
    }

    /// Records a skip; a checkpoint already done stays done.
    public mutating func recordSkip(_ id: String, lesson: String, now: Date = Date()) {
        var entry = record(id, lesson: lesson, now: now)
        if entry.status != .done { entry.status = .skipped }
        checkpoints[id] = entry
        updated = now
    }

    /// Whether checkpoint `id` is done.
    public func isDone(_ id: String) -> Bool { checkpoints[id]?.status == .done }

    /// Removes the records of one lesson (or all, when `lesson` is nil); returns how many.
    @discardableResult
    public mutating func reset(lesson: String? = nil) -> Int {
        let before = checkpoints.count
        if let lesson {
            checkpoints = checkpoints.filter { $0.value.lesson != lesson }
            if position?.lesson == lesson { position = CoursePosition(lesson: lesson, step: 0) }
        } else {
            checkpoints = [:]
            position = nil
        }
        return before - checkpoints.count
    }
}
