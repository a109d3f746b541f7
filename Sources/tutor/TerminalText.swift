import TutorCore

/// Small helpers for text on the terminal: styles that vanish without colour, escapes
/// stripped for measuring, padding and truncation by display width.
struct TerminalText {
    let color: Bool

    func bold(_ text: String) -> String { style(text, "1") }
    func dim(_ text: String) -> String { style(text, "2") }
    func green(_ text: String) -> String { style(text, "32") }
    func red(_ text: String) -> String { style(text, "31") }
    func yellow(_ text: String) -> String { style(text, "33") }
    func cyan(_ text: String) -> String { style(text, "36") }

    private func style(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// `text` without ANSI escape sequences (CSI and OSC).
    static func stripEscapes(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var result = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\u{1B}" else { result.unicodeScalars.append(scalar); continue }
            guard let kind = iterator.next() else { break }
            if kind == "[" {
                while let next = iterator.next(), !(0x40...0x7E).contains(next.value) {}
            } else if kind == "]" {
                // OSC: ends with BEL or ESC \
                while let next = iterator.next() {
                    if next == "\u{07}" { break }
                    if next == "\u{1B}" { _ = iterator.next(); break }
                }
            }
        }
        return result
    }

    /// Display width of `text`, escapes excluded.
    static func width(_ text: String) -> Int { cellWidth(of: stripEscapes(text)) }

    /// `text` cut to at most `columns` display columns (with an ellipsis when cut).
    static func truncate(_ text: String, to columns: Int) -> String {
        guard width(text) > columns else { return text }
        var result = ""
        var used = 0
        for character in stripEscapes(text) {
            let w = cellWidth(character)
            if used + w > columns - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// `text` padded with spaces to `columns` display columns.
    static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(text)))
    }
}
