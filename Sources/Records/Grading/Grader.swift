import D2L
import Foundation
import Judging
import Synchronization
import Lessons

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

    /// The stamp of grading against `lessons` with this library and tutor.
    public init(lessons: [Lesson]) {
        var seeds: [String: [UInt64]] = [:]
        for spec in lessons.flatMap(\.checkpoints) where !spec.seeds.isEmpty { seeds[spec.id] = spec.seeds }
        self.init(library: D2LVersion.string, tutor: TutorInfo.version,
                  lessons: Dictionary(lessons.map { ($0.id, $0.sha256) }, uniquingKeysWith: { a, _ in a }), seeds: seeds)
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
    /// The checkpoints graded, with their lessons, in course order.
    public let checkpoints: [(lesson: String, spec: CheckpointSpec)]
    public let judge: Judge
    public let stamp: GradeStamp
    public let language: TutorLanguage
    /// Partial credit: a correct answer loses 25% per extra attempt (keeping at least 25%),
    /// and earns nothing when the solution was viewed first.
    public let partialCredit: Bool

    public static let reflectionPolicy =
        "reflections count as completion: an answered reflection earns its points, an empty one none"

    /// Per lesson id, the hashes of that lesson in every language: an answer given in another
    /// language (one progress holds both) is not an answer to a changed lesson.
    private let lessonHashes: [String: Set<String>]

    /// `translations` are the same lessons in the course's other languages.
    public init(lessons: [Lesson], judge: Judge, language: TutorLanguage = .en, partialCredit: Bool = false,
                translations: [Lesson] = []) {
        checkpoints = lessons.flatMap { lesson in lesson.checkpoints.map { (lesson.id, $0) } }
        lessonHashes = Dictionary((lessons + translations).map { ($0.id, [$0.sha256]) }, uniquingKeysWith: { $0.union($1) })
        self.judge = judge
        stamp = GradeStamp(lessons: lessons)
        self.language = language
        self.partialCredit = partialCredit
    }

    /// Grades all submissions, in parallel over `workers` threads (1: one by one). The
    /// result is in the submissions' order and does not depend on `workers`.
    public func grade(_ submissions: [Submission], workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> GradeReport {
        let results = Mutex([SubmissionGrade?](repeating: nil, count: submissions.count))
        if workers <= 1 || submissions.count < 2 {
            for (index, submission) in submissions.enumerated() {
                let result = grade(submission)
                results.withLock { $0[index] = result }
            }
        } else {
            let next = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: min(workers, submissions.count)) { _ in
                while true {
                    let index = next.withLock { value -> Int in defer { value += 1 }; return value }
                    guard index < submissions.count else { return }
                    let result = grade(submissions[index])
                    results.withLock { $0[index] = result }
                }
            }
        }
        return GradeReport(stamp: stamp, partialCredit: partialCredit, reflectionPolicy: Self.reflectionPolicy,
                           submissions: results.withLock { $0.map { $0! } })
    }

    /// Grades one submission; a broken one gets a row with its error and zero points.
    public func grade(_ submission: Submission) -> SubmissionGrade {
        let maxPoints = checkpoints.reduce(0) { $0 + $1.spec.points }
        let known = Set(checkpoints.map(\.spec.id))
        let unknown = submission.answers.keys.filter { !known.contains($0) }.sorted()
        if let error = submission.error {
            return SubmissionGrade(learner: submission.learner, source: submission.source, points: 0, maxPoints: maxPoints,
                                   checkpoints: [], error: error, unknownIDs: [])
        }
        var rows: [CheckpointGrade] = []
        for (lesson, spec) in checkpoints {
            rows.append(grade(spec, lesson: lesson, submission.answers[spec.id]))
        }
        let points = rows.reduce(0) { $0 + $1.points }
        return SubmissionGrade(learner: submission.learner, source: submission.source, points: points,
                               maxPoints: maxPoints, checkpoints: rows, error: nil, unknownIDs: unknown)
    }

    private func grade(_ spec: CheckpointSpec, lesson: String, _ answer: SubmittedAnswer?) -> CheckpointGrade {
        func row(_ outcome: CheckpointGrade.Outcome, _ points: Double, _ message: String) -> CheckpointGrade {
            let changed = answer?.lessonHash.map { !(lessonHashes[lesson] ?? []).contains($0) } ?? false
            return CheckpointGrade(id: spec.id, lesson: lesson, outcome: outcome, points: points,
                                   maxPoints: spec.points, attempts: answer?.attempts ?? 0, message: message,
                                   lessonChanged: changed)
        }
        guard let answer, !answer.answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return row(.missing, 0, TutorText.gradeNoAnswer.text(language))
        }
        if spec.expect == .reflection {
            return row(.completed, spec.points, TutorText.gradeReflectionAnswered.text(language))
        }
        do {
            let verdict = try judge.judge(answer.answer, for: spec)
            let summary = verdict.message.text(language)
            switch verdict.outcome {
            case .correct: return row(.correct, spec.points * creditFactor(answer), summary)
            case .saved: return row(.completed, spec.points, summary)
            case .incorrect: return row(.incorrect, 0, summary)
            case .malformed: return row(.malformed, 0, summary)
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
