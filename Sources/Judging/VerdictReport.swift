import Foundation
import Lessons

/// How `tutor check` (and anything else printing a verdict) words and encodes a check.
public enum VerdictReport {
    /// What `tutor check` reports: a verdict, or why there is none.
    public typealias Result = Swift.Result<Verdict, JudgeError>

    /// 0 correct (or a saved reflection, or recorded under `feedback: none`), 1 incorrect,
    /// 2 malformed answer or broken checkpoint.
    public static func exitCode(_ result: Result) -> Int32 {
        switch result {
        case let .success(v): return v.isDone || v.recordsOnly ? 0 : (v.outcome == .malformed ? 2 : 1)
        case .failure: return 2
        }
    }

    /// Lines for a terminal: the verdict, its details, the explanation or model answer.
    public static func text(_ result: Result, language: TutorLanguage) -> String {
        var lines: [String] = []
        switch result {
        case let .success(v) where v.outcome == .malformed:
            lines.append(TutorText.cannotReadAnswer.text(language, v.message.text(language)))
            lines += (v.parseError?.caretLines ?? []).map { "  " + $0 }
        case let .success(v) where v.recordsOnly:
            lines.append("• " + DiagnosisMessages.recorded.text(language))
        case let .success(v):
            let mark = v.outcome == .incorrect ? "✘" : "✔"
            lines.append("\(mark) \(v.message.text(language))")
            lines += v.details.map { "  " + $0.text(language) }
            if let model = v.modelAnswer {
                lines.append(TutorText.modelAnswer.text(language))
                lines += model.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            }
            // The explanation often states the answer: show it once the checkpoint is done.
            if let explain = v.explain, v.isDone {
                lines.append(explain)
            }
        case let .failure(.brokenCheckpoint(e)):
            lines.append(TutorText.brokenCheckpointReport.text(language, e.description))
        case .failure(.interrupted):
            lines.append(TutorText.interruptedReference.text(language))
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object: the verdict and the comparison details; the reference only where the
    /// verdict may show it (`Verdict.showsReference`), and under `feedback: none` only "recorded".
    public static func json(_ result: Result, checkpoint id: String, language: TutorLanguage) -> String {
        var o: [String: Any] = ["checkpoint": id, "exit_code": Int(exitCode(result))]
        switch result {
        case let .success(v) where v.outcome == .malformed:
            o["outcome"] = "malformed"
            o["correct"] = false
            o["message"] = v.parseError?.text(language) ?? v.message.text(language)
            o["column"] = v.parseError?.column ?? NSNull()
        case let .success(v) where v.recordsOnly:
            o["outcome"] = "recorded"
            o["message"] = DiagnosisMessages.recorded.text(language)
            o["feedback"] = v.feedback.rawValue
        case let .success(v):
            o["outcome"] = v.outcome.rawValue
            o["correct"] = v.isCorrect
            o["message"] = v.message.text(language)
            o["details"] = v.details.map { $0.text(language) }
            o["points"] = v.points
            o["max_points"] = v.maxPoints
            o["feedback"] = v.feedback.rawValue
            if let m = v.mistake { o["mistake"] = ["call": m.call ?? NSNull(), "message": m.message] as [String: Any] }
            if let r = v.reference, v.showsReference { o["reference"] = encode(r) }
            if let given = v.given { o["given"] = encode(given) }
            if let c = v.comparison { o["comparison"] = encode(c, showingReference: v.showsReference) }
            if let e = v.explain, v.isDone { o["explain"] = e }
            if let m = v.modelAnswer { o["model_answer"] = m }
        case .failure(.interrupted):
            o["outcome"] = "interrupted"
            o["correct"] = false
        case let .failure(.brokenCheckpoint(e)):
            o["outcome"] = "broken_checkpoint"
            o["correct"] = false
            o["message"] = e.description
        }
        let data = (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// JSON has no NaN or infinities: they become the strings "nan", "inf", "-inf".
    static func number(_ x: Double) -> Any { x.isFinite ? x : formatNumber(x) }

    static func encode(_ a: NDArray) -> [String: Any] { ["shape": a.shape, "values": a.values.map(number)] }

    static func encode(_ r: ReferenceValue) -> [String: Any] {
        switch r {
        case let .array(a): return ["kind": "array", "text": r.fullText].merging(encode(a)) { a, _ in a }
        case let .shape(s): return ["kind": "shape", "shape": s]
        case let .choice(i): return ["kind": "choice", "choice": CheckpointSpec.letter(i)]
        }
    }

    static func encode(_ a: AnswerValue) -> [String: Any] {
        switch a {
        case let .array(x): return ["kind": "array"].merging(encode(x)) { a, _ in a }
        case let .shape(s): return ["kind": "shape", "shape": s]
        case let .choice(i): return ["kind": "choice", "choice": CheckpointSpec.letter(i)]
        case let .text(t): return ["kind": "text", "text": t]
        }
    }

    /// The comparison; without `showingReference`, nothing the reference could be read back
    /// from (no expected entry, no error size).
    static func encode(_ c: Comparison, showingReference: Bool) -> [String: Any] {
        var o: [String: Any] = ["atol": c.tolerance.atol, "rtol": c.tolerance.rtol, "mismatches": c.mismatchCount]
        if showingReference { o["max_abs_error"] = c.maxAbsError.map(number) ?? NSNull() }
        switch c.outcome {
        case .close: o["result"] = "close"
        case let .shapeMismatch(expected, given):
            o["result"] = "shape_mismatch"
            o["expected_shape"] = expected
            o["given_shape"] = given
        case let .nonFinite(e), let .outsideTolerance(e):
            if case .nonFinite = c.outcome { o["result"] = "non_finite" } else { o["result"] = "outside_tolerance" }
            var first: [String: Any] = ["index": e.index, "given": number(e.given),
                                        "direction": !e.given.isFinite ? "not_finite" : (e.given > e.expected ? "too_high" : "too_low")]
            if showingReference { first["expected"] = number(e.expected) }
            o["first_mismatch"] = first
        }
        return o
    }
}
