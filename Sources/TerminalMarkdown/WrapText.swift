// Helpers for callers that draw their own terminal text (the tutor's checkpoint panels,
// prompts, progress lines) with the renderer's rules.

/// Makes control characters visible (ESC → ␛, BEL → ␇, C1 → U+FFFD; tabs and newlines become
/// spaces), so that text from a lesson or a learner cannot inject escape sequences.
public func sanitizeForTerminal(_ text: String) -> String {
    sanitize(text)
}

/// Wraps plain text (no Markdown, no escapes) to `width` columns by display width, with the
/// renderer's rules: English breaks at spaces, Chinese between ideographs but never before
/// closing or after opening punctuation, over-long words broken hard, no trailing spaces.
/// Newlines in `text` start new lines. Control characters are made visible.
public func wrapText(_ text: String, width: Int) -> [String] {
    splitLines(text).flatMap { line in
        breakLines(cells(sanitize(line), style: .plain), width: width).map { emitLine($0, color: false) }
    }
}
