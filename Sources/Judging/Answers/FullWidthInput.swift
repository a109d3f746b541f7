import Foundation

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
}
