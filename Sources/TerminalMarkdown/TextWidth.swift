/// Terminal column widths of text, for aligning labels under images and legends: East Asian
/// wide characters take two columns, combining marks none, ANSI escapes none (TerminalMarkdown's
/// `displayWidth`).
public enum TextWidth {
    /// The number of terminal columns `text` occupies.
    public static func of(_ text: String) -> Int { displayWidth(text) }

    static func width(of character: Character) -> Int { characterWidth(character) }

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
