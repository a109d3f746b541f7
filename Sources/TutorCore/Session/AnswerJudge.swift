/// What the tutor says about one answer.
public struct Judgement: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case correct, incorrect
        /// The answer could not be read: not an attempt.
        case malformed
        /// A reflection's text was saved: done, not scored.
        case saved
    }

    public var outcome: Outcome
    /// The verdict's lines in the learner's language (the first is the one-line summary).
    public var lines: [String]
    /// The checkpoint's explanation, shown after the verdict.
    public var explain: String?
    /// A reflection's model answer, shown after the text is saved.
    public var modelAnswer: String?
    public var points: Double
    public var maxPoints: Double

    public init(outcome: Outcome, lines: [String], explain: String? = nil, modelAnswer: String? = nil,
                points: Double = 0, maxPoints: Double = 1) {
        self.outcome = outcome
        self.lines = lines
        self.explain = explain
        self.modelAnswer = modelAnswer
        self.points = points
        self.maxPoints = maxPoints
    }

    /// The word kept in the progress file for this outcome.
    public var progressOutcome: String {
        switch outcome {
        case .correct: return "correct"
        case .incorrect: return "incorrect"
        case .malformed: return "malformed"
        case .saved: return "reflection"
        }
    }
}

/// Reports and stops long reference computations (training).
public protocol JudgeProgress: AnyObject {
    /// `fraction` in 0...1 of the work done, with a short label (`epoch 2/5`).
    func report(fraction: Double, label: String)
    /// True when the learner asked to stop (Ctrl-C).
    var shouldStop: Bool { get }
}

/// Judges answers to checkpoints and shows solutions: the bridge from the interactive tutor
/// and grading to the checkpoint engine.
public protocol AnswerJudge: Sendable {
    /// Judges `answer` to checkpoint `id`. Throws when the reference cannot be computed
    /// (or the computation was interrupted).
    func judge(checkpoint id: String, answer: String, language: TutorLanguage, progress: JudgeProgress?) throws -> Judgement
    /// The solution to show (the reference as text a learner could type, the right choice,
    /// or a reflection's model answer); nil when there is none.
    func solution(checkpoint id: String, language: TutorLanguage, progress: JudgeProgress?) throws -> String?
    /// Whether judging `id` starts a long computation (training not yet cached).
    func isExpensive(checkpoint id: String) -> Bool
}

extension AnswerJudge {
    public func isExpensive(checkpoint id: String) -> Bool { false }
}
