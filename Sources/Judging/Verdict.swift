import Lessons

/// How an answer went: the one outcome that the session shows, the progress file keeps and
/// grading counts.
public enum Outcome: String, Sendable, CaseIterable, Codable {
    case correct, incorrect
    /// The answer could not be read: not an attempt.
    case malformed
    /// A reflection's text was saved: done, not scored.
    case saved

    /// The checkpoint is done.
    public var isDone: Bool { self == .correct || self == .saved }
    /// It counts as an attempt (a malformed answer does not).
    public var isAttempt: Bool { self != .malformed }

    public init(from decoder: Decoder) throws {
        let word = try decoder.singleValueContainer().decode(String.self)
        // Progress files before this type wrote "reflection" for a saved reflection.
        guard let outcome = Outcome(rawValue: word == "reflection" ? "saved" : word) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "unknown outcome '\(word)' (expected correct, incorrect, malformed or saved)"))
        }
        self = outcome
    }
}

/// The result of judging one answer: typed from the judge to the edge that prints it.
public struct Verdict: Sendable {
    public var checkpointID: String
    public var outcome: Outcome
    /// One line: "correct (max abs error 0)", "expected shape [2, 3], got [3, 2]", a mistake's message.
    public var message: LocalizedText
    /// Further lines (the first element outside tolerance, the tolerance used, …).
    public var details: [LocalizedText]
    /// The mistake the answer matched, when it matched one.
    public var mistake: Mistake?
    /// Points earned (the checkpoint's points when done, else 0).
    public var points: Double
    /// What the checkpoint is worth.
    public var maxPoints: Double
    /// The reference (nil for reflections, code and malformed answers).
    public var reference: ReferenceValue?
    /// The parsed answer (nil when it could not be read).
    public var given: AnswerValue?
    /// Why the answer could not be read (a malformed answer), with its column.
    public var parseError: AnswerParseError?
    /// Elementwise comparison details for numbers and tensors.
    public var comparison: Comparison?
    /// The checkpoint's `explain`, shown once the checkpoint is done.
    public var explain: String?
    /// For reflections: the model answer to show now.
    public var modelAnswer: String?
    /// The checkpoint's policy: what the edges may show of a wrong answer.
    public var feedback: FeedbackPolicy = .default

    /// Whether the reference may be shown with this verdict: under `full` feedback, or once
    /// the checkpoint is done.
    public var showsReference: Bool { feedback == .full || isDone }
    /// Exam mode: the edges say only "recorded", never whether the answer was right.
    public var recordsOnly: Bool { feedback == .none && outcome != .malformed }

    public init(checkpointID: String, outcome: Outcome = .incorrect, message: LocalizedText, details: [LocalizedText] = [],
                points: Double = 0, maxPoints: Double, explain: String? = nil) {
        self.checkpointID = checkpointID
        self.outcome = outcome
        self.message = message
        self.details = details
        self.points = points
        self.maxPoints = maxPoints
        self.explain = explain
    }

    /// A malformed answer: not an attempt, and no points.
    public static func malformed(_ error: AnswerParseError, for spec: CheckpointSpec) -> Verdict {
        var v = Verdict(checkpointID: spec.id, outcome: .malformed,
                        message: LocalizedText(en: error.text(.en), zh: error.text(.zh)), maxPoints: spec.points)
        v.parseError = error
        v.feedback = spec.feedback
        return v
    }

    public var isDone: Bool { outcome.isDone }
    public var isCorrect: Bool { outcome == .correct }
}

/// A checkpoint's reference, after `output` selection.
public enum ReferenceValue: Sendable, Equatable {
    case array(NDArray)
    case shape([Int])
    /// The index of the right choice.
    case choice(Int)

    /// The reference in full, as text the answer parser accepts.
    public var fullText: String {
        switch self {
        case let .array(a): return a.formatted(limit: Int.max)
        case let .shape(s): return "(" + s.map(String.init).joined(separator: ", ") + (s.count == 1 ? ",)" : ")")
        case let .choice(i): return CheckpointSpec.letter(i)
        }
    }
}

/// What `solution` shows: always something a learner can type back and have accepted.
public enum Solution: Sendable, Equatable {
    /// The reference in full (never shortened with `…`).
    case reference(ReferenceValue)
    /// The right choice: its index and text.
    case choice(Int, String)
    /// A reflection's model answer.
    case modelAnswer(String)

    /// The text to type at the prompt (a choice's letter).
    public var answerText: String {
        switch self {
        case let .reference(r): return r.fullText
        case let .choice(i, _): return CheckpointSpec.letter(i)
        case let .modelAnswer(text): return text
        }
    }
}
