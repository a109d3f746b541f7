import D2L
import Foundation
import Judging
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
    /// The checkpoints whose inputs vary per learner (`seed: variant`), sorted.
    public var varied: [String]

    public init(library: String, tutor: String, lessons: [String: String], seeds: [String: [UInt64]], varied: [String] = []) {
        self.library = library
        self.tutor = tutor
        self.lessons = lessons
        self.seeds = seeds
        self.varied = varied
    }

    /// The stamp of grading against `lessons` with this library and tutor.
    public init(lessons: [Lesson]) {
        var seeds: [String: [UInt64]] = [:]
        for spec in lessons.flatMap(\.checkpoints) where !spec.seeds.isEmpty { seeds[spec.id] = spec.seeds }
        self.init(library: D2LVersion.string, tutor: TutorInfo.version,
                  lessons: Dictionary(lessons.map { ($0.id, $0.sha256) }, uniquingKeysWith: { a, _ in a }), seeds: seeds,
                  varied: lessons.flatMap(\.checkpoints).filter(\.isVaried).map(\.id).sorted())
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
    /// Judged attempts up to the first right answer (all of them when none was right).
    public var attempts: Int
    public var hintsUsed: Int
    /// The solution was shown before the first right answer.
    public var solutionViewedFirst: Bool
    /// When the first right answer was given (known for progress files).
    public var correctAt: Date?
    /// The verdict's summary, or why nothing was judged.
    public var message: String
    /// The lesson file changed since the answer was given.
    public var lessonChanged: Bool
    /// The typical mistake the answer matched (its name: the mistake call and the arguments it changes).
    public var mistake: String?
    /// Answers that could not be read: the graded one, and those recorded before it.
    public var malformedAnswers: [String]
    /// For a checkpoint whose inputs vary per learner: a digest of the parsed answer, to find
    /// identical answers across learners.
    public var answerDigest: String?
    /// Other learners who gave the identical answer to this varied checkpoint.
    public var sameAnswerAs: [String]
    /// The learner whose right answer this wrong one is identical to: it answers their inputs.
    public var answersInputsOf: String?
}

/// The grade of one submission.
public struct SubmissionGrade: Codable, Sendable, Equatable {
    /// Where the submission stands among all those given (the order of the report).
    public var position: Int
    public var learner: String
    /// The learner id whose inputs the varied checkpoints were judged with.
    public var variantLearner: String
    public var source: String
    public var points: Double
    public var maxPoints: Double
    public var checkpoints: [CheckpointGrade]
    /// Why the submission could not be graded (a broken file); its row says so.
    public var error: String?
    /// Answers to ids the grading lessons do not have.
    public var unknownIDs: [String]

    public var percent: Double { maxPoints > 0 ? 100 * points / maxPoints : 0 }

    // Written as the snake_case reports use ("unknown_ids", not "unknown_i_ds").
    enum CodingKeys: String, CodingKey {
        case position, learner, variantLearner, source, points, maxPoints, checkpoints, error
        case unknownIDs = "unknownIds"
    }
}

/// The same answer from several learners to a checkpoint whose inputs differ per learner.
public struct IdenticalAnswers: Codable, Sendable, Equatable {
    public var checkpoint: String
    public var learners: [String]

    public init(checkpoint: String, learners: [String]) {
        self.checkpoint = checkpoint
        self.learners = learners
    }
}

/// The whole grading run (or, with `shard` set, the share of it one shard graded).
public struct GradeReport: Codable, Sendable, Equatable {
    public var stamp: GradeStamp
    public var policy: CreditPolicy
    public var reflectionPolicy: String
    /// Set in a partial report: which share of the submissions it holds.
    public var shard: GradeShard?
    /// How many submissions the whole run has (all shards together).
    public var totalSubmissions: Int
    public var submissions: [SubmissionGrade]
    /// Identical answers across learners on varied checkpoints (found once all shards are in).
    public var identicalAnswers: [IdenticalAnswers]
    /// The language of the messages.
    public var language: String

    /// Whether right answers lose points for attempts, hints or a viewed solution.
    public var partialCredit: Bool { !policy.isFull }
}

/// Scores submissions against a course's checkpoints by judging every answer again.
public struct Grader: Sendable {
    /// The checkpoints graded, with their lessons, in course order.
    public let checkpoints: [(lesson: String, spec: CheckpointSpec)]
    public let judge: Judge
    public let stamp: GradeStamp
    public let language: TutorLanguage
    /// How much a right answer keeps (attempts, hints, a viewed solution).
    public let policy: CreditPolicy
    /// The course id varied checkpoints are drawn for when a submission does not name one.
    public let courseID: String

    public static let reflectionPolicy =
        "reflections count as completion: an answered reflection earns its points, an empty one none"

    /// Per lesson id, the hashes of that lesson in every language: an answer given in another
    /// language (one progress holds both) is not an answer to a changed lesson.
    private let lessonHashes: [String: Set<String>]

    /// `translations` are the same lessons in the course's other languages.
    public init(lessons: [Lesson], judge: Judge, language: TutorLanguage = .en, policy: CreditPolicy = .full,
                courseID: String = "mlp-from-scratch", translations: [Lesson] = []) {
        checkpoints = lessons.flatMap { lesson in lesson.checkpoints.map { (lesson.id, $0) } }
        lessonHashes = Dictionary((lessons + translations).map { ($0.id, [$0.sha256]) }, uniquingKeysWith: { $0.union($1) })
        self.judge = judge
        stamp = GradeStamp(lessons: lessons)
        self.language = language
        self.policy = policy
        self.courseID = courseID
    }

    /// `--partial` (true) or full credit (false).
    public init(lessons: [Lesson], judge: Judge, language: TutorLanguage = .en, partialCredit: Bool, translations: [Lesson] = []) {
        self.init(lessons: lessons, judge: judge, language: language, policy: partialCredit ? .partial : .full, translations: translations)
    }

    /// Grades all submissions (or, with `shard`, its share of them), in parallel over `workers`
    /// threads (1: one by one). The result is in the submissions' order and does not depend on
    /// `workers`; a whole run also finds identical answers across learners.
    public func grade(_ submissions: [Submission], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                      shard: GradeShard? = nil) -> GradeReport {
        let chosen = submissions.indices.filter { shard?.contains(submissions[$0]) ?? true }
        let results = Locked([SubmissionGrade?](repeating: nil, count: chosen.count))
        if workers <= 1 || chosen.count < 2 {
            for (slot, index) in chosen.enumerated() {
                let result = grade(submissions[index], position: index)
                results.withLock { $0[slot] = result }
            }
        } else {
            let next = Locked(0)
            DispatchQueue.concurrentPerform(iterations: min(workers, chosen.count)) { _ in
                while true {
                    let slot = next.withLock { value -> Int in defer { value += 1 }; return value }
                    guard slot < chosen.count else { return }
                    let result = grade(submissions[chosen[slot]], position: chosen[slot])
                    results.withLock { $0[slot] = result }
                }
            }
        }
        let report = GradeReport(stamp: stamp, policy: policy, reflectionPolicy: Self.reflectionPolicy,
                                 shard: shard, totalSubmissions: submissions.count,
                                 submissions: results.withLock { $0.map { $0! } }, identicalAnswers: [],
                                 language: language.rawValue)
        return shard == nil ? report.findingIdenticalAnswers() : report
    }

    /// Grades one submission; a broken one gets a row with its error and zero points.
    public func grade(_ submission: Submission, position: Int = 0) -> SubmissionGrade {
        let maxPoints = checkpoints.reduce(0) { $0 + $1.spec.points }
        let known = Set(checkpoints.map(\.spec.id))
        let unknown = submission.answers.keys.filter { !known.contains($0) }.sorted()
        let identity = submission.identity(courseID: courseID)
        if let error = submission.error {
            return SubmissionGrade(position: position, learner: submission.learner, variantLearner: identity.learner,
                                   source: submission.source, points: 0, maxPoints: maxPoints,
                                   checkpoints: [], error: error, unknownIDs: [])
        }
        var rows: [CheckpointGrade] = []
        for (lesson, spec) in checkpoints {
            rows.append(grade(spec, lesson: lesson, submission.answers[spec.id], folder: submission.folder,
                              own: submission.checksOwnWorkspace, learner: identity))
        }
        let points = rows.reduce(0) { $0 + $1.points }
        return SubmissionGrade(position: position, learner: submission.learner, variantLearner: identity.learner,
                               source: submission.source, points: points,
                               maxPoints: maxPoints, checkpoints: rows, error: nil, unknownIDs: unknown)
    }

    private func grade(_ spec: CheckpointSpec, lesson: String, _ answer: SubmittedAnswer?, folder: String?, own: Bool,
                       learner: LearnerIdentity) -> CheckpointGrade {
        func row(_ outcome: CheckpointGrade.Outcome, _ points: Double, _ message: String, verdict: Verdict? = nil) -> CheckpointGrade {
            let changed = answer?.lessonHash.map { !(lessonHashes[lesson] ?? []).contains($0) } ?? false
            var malformed = answer?.malformedAnswers ?? []
            if outcome == .malformed, let text = answer?.answer { malformed.append(text) }
            return CheckpointGrade(id: spec.id, lesson: lesson, outcome: outcome, points: points,
                                   maxPoints: spec.points, attempts: answer?.attempts ?? 0, hintsUsed: answer?.hintsUsed ?? 0,
                                   solutionViewedFirst: answer?.solutionViewedFirst ?? false,
                                   correctAt: outcome == .correct ? answer?.correctAt : nil, message: message,
                                   lessonChanged: changed, mistake: verdict?.mistake.map(Self.name),
                                   malformedAnswers: malformed,
                                   answerDigest: spec.isVaried ? verdict?.given.map(Self.digest) : nil,
                                   sameAnswerAs: [], answersInputsOf: nil)
        }
        guard let answer, !answer.answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return row(.missing, 0, TutorText.gradeNoAnswer.text(language))
        }
        if spec.expect == .reflection {
            return row(.completed, spec.points, TutorText.gradeReflectionAnswered.text(language))
        }
        var given = answer.answer
        if spec.expect == .code, !own {
            switch CodeAnswerPath.resolve(answer.answer, inside: folder) {
            case let .workspace(path): given = path
            case let .refused(why): return row(.malformed, 0, why)
            }
        }
        do {
            let verdict = try judge.judge(given, for: spec, learner: learner)
            let summary = Self.summary(of: verdict, language: language)
            switch verdict.outcome {
            case .correct: return row(.correct, spec.points * creditFactor(answer), summary, verdict: verdict)
            case .saved: return row(.completed, spec.points, summary, verdict: verdict)
            case .incorrect: return row(.incorrect, 0, summary, verdict: verdict)
            case .malformed: return row(.malformed, 0, summary, verdict: verdict)
            }
        } catch {
            return row(.error, 0, "\(error)")
        }
    }

    /// A verdict's message for a report row. A message that introduces its details ("your code
    /// does not compile:") takes the first of them, so the row says what is wrong and where.
    static func summary(of verdict: Verdict, language: TutorLanguage) -> String {
        let message = verdict.message.text(language)
        guard message.hasSuffix(":") || message.hasSuffix("："), let first = verdict.details.first else { return message }
        return message + (message.hasSuffix("：") ? "" : " ") + first.text(language)
    }

    /// The share of a correct answer's points kept under the policy.
    public func creditFactor(_ answer: SubmittedAnswer) -> Double {
        policy.factor(attempts: answer.attempts, hints: answer.hintsUsed, solutionViewedFirst: answer.solutionViewedFirst)
    }

    /// A mistake's name in reports: its call and the arguments it changes (`net(b1)`), or the
    /// wrong choice's letter.
    static func name(_ mistake: Mistake) -> String {
        if let answer = mistake.answer { return "choice " + CheckpointSpec.letter(answer) }
        let call = mistake.call ?? "mistake"
        return mistake.args.isEmpty ? call : call + "(" + mistake.args.map(\.name).joined(separator: ", ") + ")"
    }

    /// A short digest of a parsed answer: equal for answers that read as the same value
    /// (numbers to 6 significant digits), whatever their spelling.
    static func digest(_ answer: AnswerValue) -> String {
        let text: String
        switch answer {
        case let .array(a): text = "array \(a.shape) " + a.values.map { formatNumber($0, digits: 6) }.joined(separator: " ")
        case let .shape(s): text = "shape \(s)"
        case let .choice(i): text = "choice \(i)"
        case let .text(t): text = "text " + t
        }
        return String(SHA256.hex(Array(text.utf8)).prefix(16))
    }
}
