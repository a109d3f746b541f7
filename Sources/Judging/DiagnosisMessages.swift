import Lessons

/// The words of a wrong answer's verdict under each feedback policy.
public enum DiagnosisMessages {
    public static let recorded = LocalizedText(en: "recorded", zh: "已记录")

    /// The message and details for comparison `c` of `given` with `reference`: under `full`
    /// the reference beside the answer (and the pattern, if one), under `diagnostic` how the
    /// answer is wrong without a reference value, under `none` only "recorded".
    public static func verdictText(_ c: Comparison, given: NDArray, reference: NDArray, kind: ExpectKind,
                                   feedback: FeedbackPolicy) -> (message: LocalizedText, details: [LocalizedText]) {
        if c.isClose { return (Messages.describe(c, kind: kind), Messages.details(c, kind: kind)) }
        if feedback == .none { return (recorded, []) }
        let d = Diagnosis.of(given: given, reference: reference, comparison: c)
        if feedback == .full {
            let named = d.pattern.map { [pattern($0, scalar: reference.count == 1)] } ?? []
            return (Messages.describe(c, kind: kind), Messages.details(c, kind: kind) + named)
        }
        var lines: [LocalizedText] = []
        if case let .shapeMismatch(expected, got) = c.outcome {
            lines.append(LocalizedText(en: "expected shape \(formatShape(expected)), got \(formatShape(got))",
                                       zh: "形状应为 \(formatShape(expected))，你给出的是 \(formatShape(got))"))
        }
        if let p = d.pattern, reference.count > 1 || d.direction != .notFinite { lines.append(pattern(p, scalar: reference.count == 1)) }
        if let index = d.firstIndex, let direction = d.direction {
            lines.append(first(index, direction, scalar: reference.count == 1))
        }
        if reference.count > 1, d.mismatchCount > 0 {
            let tol = kind == .integer ? "" : " (tolerance \(c.tolerance))"
            let tolZh = kind == .integer ? "" : "（容差 \(c.tolerance)）"
            lines.append(LocalizedText(en: "\(d.mismatchCount) of \(d.count) entries differ\(tol)",
                                       zh: "\(d.count) 个元素中有 \(d.mismatchCount) 个不对\(tolZh)"))
        } else if reference.count == 1, kind != .integer, d.direction != .notFinite {
            lines.append(LocalizedText(en: "tolerance \(c.tolerance)", zh: "容差 \(c.tolerance)"))
        }
        guard let message = lines.first else { return (Messages.incorrect, []) }
        return (message, Array(lines.dropFirst()))
    }

    static func first(_ index: [Int], _ direction: Diagnosis.Direction, scalar: Bool) -> LocalizedText {
        let at = Messages.index(index)
        switch (direction, scalar) {
        case (.tooHigh, true): return LocalizedText(en: "the answer is too high", zh: "答案偏大")
        case (.tooLow, true): return LocalizedText(en: "the answer is too low", zh: "答案偏小")
        case (.notFinite, true): return LocalizedText(en: "the answer is not a finite number", zh: "答案不是有限数")
        case (.tooHigh, false): return LocalizedText(en: "the first entry that differs is \(at): too high",
                                                     zh: "第一个不对的元素是 \(at)：偏大")
        case (.tooLow, false): return LocalizedText(en: "the first entry that differs is \(at): too low",
                                                    zh: "第一个不对的元素是 \(at)：偏小")
        case (.notFinite, false): return LocalizedText(en: "the first entry that differs is \(at): not a finite number",
                                                       zh: "第一个不对的元素是 \(at)：不是有限数")
        }
    }

    static func pattern(_ p: Diagnosis.Pattern, scalar: Bool) -> LocalizedText {
        switch p {
        case .transposed:
            return LocalizedText(en: "it is the transpose of the answer: rows and columns are swapped",
                                 zh: "这是正确答案的转置：行和列互换了")
        case let .scaled(factor):
            let f = abs(factor) >= 1 ? "×\(formatNumber(factor))" : "÷\(formatNumber(1 / factor))"
            return scalar
                ? LocalizedText(en: "off by a constant factor: \(f) the right value", zh: "差一个常数倍：是正确值的 \(f)")
                : LocalizedText(en: "off by a constant factor: every entry is \(f) the right value",
                                zh: "差一个常数倍：每个元素都是正确值的 \(f)")
        case .signFlipped:
            return scalar ? LocalizedText(en: "the sign is flipped", zh: "符号反了")
                          : LocalizedText(en: "the sign is flipped: every entry has the wrong sign", zh: "符号反了：每个元素的符号都不对")
        case let .oneRow(i):
            return LocalizedText(en: "only row \(i) is wrong; the other rows are right", zh: "只有第 \(i) 行不对，其余各行都对")
        case let .oneColumn(j):
            return LocalizedText(en: "only column \(j) is wrong; the other columns are right", zh: "只有第 \(j) 列不对，其余各列都对")
        case let .nonFinite(n):
            return LocalizedText(en: "the answer contains NaN or inf (\(n) entr\(n == 1 ? "y" : "ies"))",
                                 zh: "答案里有 NaN 或 inf（\(n) 个元素）")
        }
    }
}
