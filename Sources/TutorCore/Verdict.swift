/// The result of checking one answer: everything the interactive tutor, `tutor check` and
/// grading need.
public struct Verdict: Sendable {
    public enum Outcome: String, Sendable, Codable {
        case correct, incorrect
        /// A reflection's text was saved: done, not scored.
        case saved
    }

    public var checkpointID: String
    public var outcome: Outcome
    /// One line: "correct (max abs error 0)", "expected shape [2, 3], got [3, 2]", a mistake's message.
    public var message: LocalizedText
    /// Further lines (the first element outside tolerance, the tolerance used, …).
    public var details: [LocalizedText]
    /// The mistake the answer matched, when it matched one.
    public var mistake: Mistake?
    /// Points earned (the checkpoint's points when correct or saved, else 0).
    public var points: Double
    /// What the checkpoint is worth.
    public var maxPoints: Double
    /// The reference (nil for reflections).
    public var reference: ReferenceValue?
    /// The parsed answer.
    public var given: AnswerValue
    /// Elementwise comparison details for numbers and tensors.
    public var comparison: Comparison?
    /// The checkpoint's `explain`, shown after the verdict.
    public var explain: String?
    /// For reflections: the model answer to show now.
    public var modelAnswer: String?

    /// Correct, or a saved reflection: the checkpoint is done.
    public var isDone: Bool { outcome != .incorrect }
    public var isCorrect: Bool { outcome == .correct }

    /// The message and details as lines in `language`.
    public func lines(_ language: TutorLanguage) -> [String] {
        [message.text(language)] + details.map { $0.text(language) }
    }
}

/// A checkpoint's reference value, after `output` selection.
public enum ReferenceValue: Sendable, Equatable {
    case array(NDArray)
    case shape([Int])
    /// The index of the right choice.
    case choice(Int)

    /// The reference as text a learner could type (long axes shortened with `…`).
    public var formatted: String { text(limit: 8) }

    /// The reference in full, as text the answer parser accepts.
    public var fullText: String { text(limit: Int.max) }

    func text(limit: Int) -> String {
        switch self {
        case let .array(a): return a.formatted(limit: limit)
        case let .shape(s): return "(" + s.map(String.init).joined(separator: ", ") + (s.count == 1 ? ",)" : ")")
        case let .choice(i): return CheckpointSpec.letter(i)
        }
    }
}
