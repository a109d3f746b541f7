import Lessons

/// The checker's own words, in English and Chinese.
public enum Messages {
    public static let correct = LocalizedText(en: "correct", zh: "正确")
    public static let incorrect = LocalizedText(en: "not correct", zh: "不正确")
    public static let reflectionSaved = LocalizedText(en: "saved: compare your thoughts with the model answer",
                                               zh: "已保存：请将你的想法与参考答案对照")

    static func index(_ i: [Int]) -> String { i.isEmpty ? "" : "[" + i.map(String.init).joined(separator: ", ") + "]" }

    public static func describe(_ c: Comparison, kind: ExpectKind) -> LocalizedText {
        switch c.outcome {
        case .close:
            let e = formatNumber(c.maxAbsError ?? 0)
            return kind == .integer ? correct : LocalizedText(en: "correct (max abs error \(e))", zh: "正确（最大绝对误差 \(e)）")
        case let .shapeMismatch(expected, given):
            return LocalizedText(en: "expected shape \(formatShape(expected)), got \(formatShape(given))",
                                 zh: "形状应为 \(formatShape(expected))，你给出的是 \(formatShape(given))")
        case let .nonFinite(e):
            let what = e.given.isNaN ? "NaN" : formatNumber(e.given)
            if e.index.isEmpty {
                return LocalizedText(en: "the answer is \(what); expected \(formatNumber(e.expected))",
                                     zh: "答案是 \(what)；应为 \(formatNumber(e.expected))")
            }
            return LocalizedText(en: "the answer contains \(what) at \(index(e.index)); expected \(formatNumber(e.expected)) there",
                                 zh: "答案在 \(index(e.index)) 处是 \(what)；那里应为 \(formatNumber(e.expected))")
        case let .outsideTolerance(e):
            let (x, g) = formatPair(e.expected, e.given)
            if kind == .integer {
                return LocalizedText(en: "expected \(x), got \(g)", zh: "应为 \(x)，你给出的是 \(g)")
            }
            if e.index.isEmpty {
                return LocalizedText(en: "expected \(x), got \(g) (tolerance \(c.tolerance))",
                                     zh: "应为 \(x)，你给出的是 \(g)（容差 \(c.tolerance)）")
            }
            return LocalizedText(en: "element \(index(e.index)): expected \(x), got \(g) (tolerance \(c.tolerance))",
                                 zh: "元素 \(index(e.index))：应为 \(x)，你给出的是 \(g)（容差 \(c.tolerance)）")
        }
    }

    public static func details(_ c: Comparison, kind: ExpectKind) -> [LocalizedText] {
        guard !c.isClose, c.mismatchCount > 1 else { return [] }
        return [LocalizedText(en: "\(c.mismatchCount) elements are outside the tolerance",
                              zh: "共有 \(c.mismatchCount) 个元素超出容差")]
    }

    static func wrongShapeAnswer(expected: [Int], given: [Int]) -> LocalizedText {
        let g = "(" + given.map(String.init).joined(separator: ", ") + ")"
        if given.count != expected.count {
            return LocalizedText(en: "\(g) has \(given.count) dimensions; the answer has \(expected.count)",
                                 zh: "\(g) 有 \(given.count) 个维度；正确答案有 \(expected.count) 个")
        }
        return LocalizedText(en: "\(g) is not the right shape", zh: "\(g) 不是正确的形状")
    }

    static func wrongChoice(_ letter: String) -> LocalizedText {
        LocalizedText(en: "\(letter) is not the right choice", zh: "\(letter) 不是正确选项")
    }
}
