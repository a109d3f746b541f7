import Lessons

/// Compares an answer with a reference and words the result.
enum AnswerMatch {
    struct Result {
        var correct: Bool
        var message: LocalizedText
        var details: [LocalizedText]
        var comparison: Comparison?
    }

    static func judge(_ answer: AnswerValue, _ reference: ReferenceValue, tolerance: Tolerance, kind: ExpectKind,
                      choices: [String], feedback: FeedbackPolicy) -> Result {
        switch (answer, reference) {
        case let (.array(given), .array(expected)):
            let tol = kind == .integer ? Tolerance.exact : tolerance
            let c = Comparison.compare(given: given, reference: expected, tolerance: tol)
            let text = DiagnosisMessages.verdictText(c, given: given, reference: expected, kind: kind, feedback: feedback)
            return Result(correct: c.isClose, message: text.message, details: text.details, comparison: c)
        case let (.shape(given), .shape(expected)):
            return given == expected
                ? Result(correct: true, message: Messages.correct, details: [], comparison: nil)
                : Result(correct: false, message: Messages.wrongShapeAnswer(expected: expected, given: given), details: [], comparison: nil)
        case let (.choice(given), .choice(expected)):
            return given == expected
                ? Result(correct: true, message: Messages.correct, details: [], comparison: nil)
                : Result(correct: false, message: Messages.wrongChoice(CheckpointSpec.letter(given)), details: [], comparison: nil)
        default:
            return Result(correct: false, message: Messages.incorrect, details: [], comparison: nil)
        }
    }

    /// Whether the checkpoint takes a mistake's result for the right answer: its message could
    /// never show (a lint error), or, with inputs drawn per learner, the mistake coincides with
    /// the reference for this learner and is not one.
    static func accepts(_ wrong: ReferenceValue, as reference: ReferenceValue, for spec: CheckpointSpec) -> Bool {
        let answer: AnswerValue
        switch wrong {
        case let .array(a): answer = .array(a)
        case let .shape(s): answer = .shape(s)
        case let .choice(c): answer = .choice(c)
        }
        return judge(answer, reference, tolerance: spec.tolerance, kind: spec.expect, choices: spec.choices, feedback: spec.feedback).correct
    }

    /// Whether the answer equals a mistake's result (NaN matches NaN, inf matches inf).
    static func matches(_ answer: AnswerValue, _ wrong: ReferenceValue, tolerance: Tolerance) -> Bool {
        switch (answer, wrong) {
        case let (.array(g), .array(w)):
            return g.shape == w.shape || (g.count == 1 && w.count == 1)
                ? Comparison.compare(given: g, reference: w, tolerance: tolerance, nanEqual: true).isClose : false
        case let (.shape(g), .shape(w)): return g == w
        case let (.choice(g), .choice(w)): return g == w
        default: return false
        }
    }
}
