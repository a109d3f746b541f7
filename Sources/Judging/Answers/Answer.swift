import Lessons

/// A learner's answer, parsed for the kind of checkpoint it answers.
public enum AnswerValue: Sendable, Equatable {
    /// A number (shape []) or a tensor.
    case array(NDArray)
    case shape([Int])
    /// The index of the chosen choice.
    case choice(Int)
    /// A reflection's text.
    case text(String)
}

/// A malformed answer: what is wrong and at which column (1-based), so the learner can fix it.
/// A malformed answer is not a wrong answer.
public struct AnswerParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: LocalizedText
    /// 1-based column in the answer text (nil when the problem is not at one place, e.g. a file).
    public var column: Int?
    /// The text that was parsed.
    public var input: String

    public init(_ message: LocalizedText, column: Int?, input: String) {
        self.message = message
        self.column = column
        self.input = input
    }

    /// `column 7: expected a number`, in `language`.
    public func text(_ language: TutorLanguage) -> String {
        guard let column else { return message.text(language) }
        return TutorText.answerColumn.text(language, column, message.text(language))
    }

    /// Characters of the answer shown on each side of the column by `caretLines` (an answer
    /// may be 100,000 characters long; a report or a screen shows only where it went wrong).
    static let excerptRadius = 30

    /// The answer, or the part of it around the column, with a caret under the column (for
    /// one-line answers). "…" marks where the answer was cut.
    public var caretLines: [String] {
        guard let column, !input.contains("\n") else { return [] }
        let characters = Array(input)
        let at = min(max(column - 1, 0), characters.count)
        let start = max(at - Self.excerptRadius, 0)
        let end = min(at + Self.excerptRadius, characters.count)
        let head = start > 0 ? "…" : ""
        let tail = end < characters.count ? "…" : ""
        return [head + String(characters[start..<end]) + tail,
                String(repeating: " ", count: head.count + at - start) + "^"]
    }

    /// `text` as a message quotes it: whole when short, else its start and "…".
    static func quoted(_ text: some StringProtocol) -> String {
        let limit = 2 * excerptRadius
        return text.count > limit ? String(text.prefix(limit)) + "…" : String(text)
    }

    public var description: String { text(.en) }
}

extension AnswerValue {
    /// The answer as text the answer parser reads back to the same value (how an answer read
    /// from a file is recorded, so grading can judge it again).
    public var typeableText: String {
        switch self {
        case let .array(a): return ReferenceValue.array(a).fullText
        case let .shape(s): return ReferenceValue.shape(s).fullText
        case let .choice(i): return ReferenceValue.choice(i).fullText
        case let .text(t): return t
        }
    }
}
