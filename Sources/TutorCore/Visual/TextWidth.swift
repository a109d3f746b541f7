/// Terminal column widths of text, for aligning labels under images and legends.
///
/// A stand-in for TerminalMarkdown's `displayWidth` (owned by the renderer) that the visual
/// code can use today: East Asian wide and fullwidth characters take two columns, combining
/// marks none, ANSI escapes none.
public enum TextWidth {
    /// The number of terminal columns `text` occupies.
    public static func of(_ text: String) -> Int {
        ANSI.strip(text).reduce(0) { $0 + width(of: $1) }
    }

    static func width(of character: Character) -> Int {
        var result = 0
        for scalar in character.unicodeScalars {
            if isWide(scalar) { return 2 }
            if result == 0, !isZeroWidth(scalar) { result = 1 }
        }
        return result
    }

    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x20 || (0x7F..<0xA0).contains(s.value) || s.value == 0x200B || s.value == 0x200D { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        let ranges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return ranges.contains { $0.contains(v) }
    }

    /// `text` cut to at most `width` columns (a wide character that would straddle the edge is
    /// dropped), with `ellipsis` as its last column when something was cut. Plain text only.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard of(text) > width else { return text }
        let room = max(0, width - of(ellipsis))
        var out = "", used = 0
        for ch in text {
            let w = self.width(of: ch)
            if used + w > room { break }
            out.append(ch)
            used += w
        }
        return width >= of(ellipsis) ? out + ellipsis : out
    }

    /// `text` followed by spaces up to `width` columns (never cut).
    public static func padRight(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }

    /// Spaces and then `text`, up to `width` columns (never cut).
    public static func padLeft(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(text))) + text
    }
}
