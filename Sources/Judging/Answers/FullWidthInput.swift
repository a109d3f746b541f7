import Foundation
import Lessons

/// What a Chinese input method types, as the answer parser reads it: full-width letters,
/// digits and signs (`（２５６，７８４）`, `ｂ`, `１０％`) by NFKC, and the CJK punctuation that
/// NFKC keeps (`。`, `【】`, `、`) by their ASCII counterparts.
public enum FullWidthInput {
    private static let punctuation: [Character: Character] = [
        "，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "【": "[", "】": "]", "、": ",",
    ]

    public static func normalized(_ text: String) -> String {
        String(text.precomposedStringWithCompatibilityMapping.map { punctuation[$0] ?? $0 })
    }

    /// The answer as the parser of `kind` reads it: normalised, except a reflection (the
    /// learner's own words, kept as written) and code (a workspace path).
    public static func normalized(_ text: String, for kind: ExpectKind) -> String {
        kind == .reflection || kind == .code ? text : normalized(text)
    }
}
