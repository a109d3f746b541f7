import Foundation

/// A checkpoint to grade, from the grading lessons (which may hold hidden checkpoints).
public struct GradedCheckpoint: Sendable, Equatable {
    public var id: String
    public var lesson: String
    public var points: Double
    public var isReflection: Bool
    public init(id: String, lesson: String, points: Double = 1, isReflection: Bool = false) {
        self.id = id
        self.lesson = lesson
        self.points = points
        self.isReflection = isReflection
    }
}

/// What a grade was computed against, so it can be reproduced and a changed lesson detected.
public struct GradeStamp: Codable, Sendable, Equatable {
    /// The deep-learning library's version (references come from it).
    public var library: String
    public var tutor: String
    /// SHA-256 of each lesson file, by lesson id.
    public var lessons: [String: String]
    /// The seeds in each checkpoint's arguments, by checkpoint id (only those with seeds).
    public var seeds: [String: [UInt64]]

    public init(library: String, tutor: String, lessons: [String: String], seeds: [String: [UInt64]]) {
        self.library = library
        self.tutor = tutor
        self.lessons = lessons
        self.seeds = seeds
    }
}

/// How a checkpoint of one submission was graded.
public struct CheckpointGrade: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case correct, incorrect, malformed, missing
        /// A reflection answered: counts as completion, not judged.
        case completed
        /// The reference could not be computed.
        case error
    }
    public var id: String
    public var lesson: String
    public var outcome: Outcome
    public var points: Double
    public var maxPoints: Double
    public var attempts: Int
    /// The verdict's summary, or why nothing was judged.
    public var message: String
    /// The lesson file changed since the answer was given.
    public var lessonChanged: Bool
}

/// The grade of one submission.
public struct SubmissionGrade: Codable, Sendable, Equatable {
    public var learner: String
    public var source: String
    public var points: Double
    public var maxPoints: Double
    public var checkpoints: [CheckpointGrade]
    /// Why the submission could not be graded (a broken file); its row says so.
    public var error: String?
    /// Answers to ids the grading lessons do not have.
    public var unknownIDs: [String]

    public var percent: Double { maxPoints > 0 ? 100 * points / maxPoints : 0 }
}

/// The whole grading run.
public struct GradeReport: Codable, Sendable, Equatable {
    public var stamp: GradeStamp
    public var partialCredit: Bool
    public var reflectionPolicy: String
    public var submissions: [SubmissionGrade]
}

/// Scores submissions against a course's checkpoints by judging every answer again.
public struct Grader: Sendable {
    public let checkpoints: [GradedCheckpoint]
    public let judge: AnswerJudge
    public let stamp: GradeStamp
    public let language: TutorLanguage
    /// Partial credit: a correct answer loses 25% per extra attempt (keeping at least 25%),
    /// and earns nothing when the solution was viewed first.
    public let partialCredit: Bool

    public static let reflectionPolicy =
        "reflections count as completion: an answered reflection earns its points, an empty one none"

    public init(checkpoints: [GradedCheckpoint], judge: AnswerJudge, stamp: GradeStamp,
                language: TutorLanguage = .en, partialCredit: Bool = false) {
        self.checkpoints = checkpoints
        self.judge = judge
        self.stamp = stamp
        self.language = language
        self.partialCredit = partialCredit
    }

    /// Grades all submissions, in parallel over `workers` threads (1: one by one). The
    /// result is in the submissions' order and does not depend on `workers`.
    public func grade(_ submissions: [Submission], workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> GradeReport {
        var results = [SubmissionGrade?](repeating: nil, count: submissions.count)
        if workers <= 1 || submissions.count < 2 {
            for (index, submission) in submissions.enumerated() { results[index] = grade(submission) }
        } else {
            let lock = NSLock()
            let next = Counter()
            let threads = min(workers, submissions.count)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while let index = next.take(below: submissions.count) {
                    let result = grade(submissions[index])
                    lock.lock()
                    results[index] = result
                    lock.unlock()
                }
            }
        }
        return GradeReport(stamp: stamp, partialCredit: partialCredit, reflectionPolicy: Self.reflectionPolicy,
                           submissions: results.map { $0! })
    }

    /// Grades one submission; a broken one gets a row with its error and zero points.
    public func grade(_ submission: Submission) -> SubmissionGrade {
        let maxPoints = checkpoints.reduce(0) { $0 + $1.points }
        let known = Set(checkpoints.map(\.id))
        let unknown = submission.answers.keys.filter { !known.contains($0) }.sorted()
        if let error = submission.error {
            return SubmissionGrade(learner: submission.learner, source: submission.source, points: 0, maxPoints: maxPoints,
                                   checkpoints: [], error: error, unknownIDs: [])
        }
        var rows: [CheckpointGrade] = []
        for checkpoint in checkpoints {
            rows.append(grade(checkpoint, submission.answers[checkpoint.id]))
        }
        let points = rows.reduce(0) { $0 + $1.points }
        return SubmissionGrade(learner: submission.learner, source: submission.source, points: points,
                               maxPoints: maxPoints, checkpoints: rows, error: nil, unknownIDs: unknown)
    }

    private func grade(_ checkpoint: GradedCheckpoint, _ answer: SubmittedAnswer?) -> CheckpointGrade {
        func row(_ outcome: CheckpointGrade.Outcome, _ points: Double, _ message: String) -> CheckpointGrade {
            let changed = answer?.lessonHash.map { $0 != stamp.lessons[checkpoint.lesson] } ?? false
            return CheckpointGrade(id: checkpoint.id, lesson: checkpoint.lesson, outcome: outcome, points: points,
                                   maxPoints: checkpoint.points, attempts: answer?.attempts ?? 0, message: message,
                                   lessonChanged: changed)
        }
        guard let answer, !answer.answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return row(.missing, 0, language == .zh ? "没有答案" : "no answer")
        }
        if checkpoint.isReflection {
            return row(.completed, checkpoint.points, language == .zh ? "已作答（思考题按完成计分）" : "answered (reflections count as completion)")
        }
        do {
            let judgement = try judge.judge(checkpoint: checkpoint.id, answer: answer.answer, language: language, progress: nil)
            let summary = judgement.lines.first ?? ""
            switch judgement.outcome {
            case .correct:
                return row(.correct, checkpoint.points * creditFactor(answer), summary)
            case .saved:
                return row(.completed, checkpoint.points, summary)
            case .incorrect:
                return row(.incorrect, 0, summary)
            case .malformed:
                return row(.malformed, 0, judgement.lines.joined(separator: " "))
            }
        } catch {
            return row(.error, 0, "\(error)")
        }
    }

    /// The share of a correct answer's points kept under partial credit.
    public func creditFactor(_ answer: SubmittedAnswer) -> Double {
        guard partialCredit else { return 1 }
        if answer.solutionViewedFirst { return 0 }
        return max(0.25, 1 - 0.25 * Double(max(answer.attempts, 1) - 1))
    }
}

/// A thread-safe counter handing out indices to the grading threads.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
