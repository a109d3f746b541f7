
/// Styles for text on the terminal that vanish without colour.
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
}
