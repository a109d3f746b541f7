/// The look of every element in colour mode (16 basic colours, no backgrounds), and the
/// glyphs shared by colour and plain mode.
struct Theme {
    /// Colours that read on both light and dark backgrounds (no yellow, white or bright cyan).
    func heading(_ level: Int) -> TextStyle {
        switch level {
        case 1: return TextStyle(color: .magenta, bold: true)
        case 2: return TextStyle(color: .cyan, bold: true)
        case 3: return TextStyle(color: .green, bold: true)
        case 4: return TextStyle(color: .brightBlue, bold: true)
        case 5: return TextStyle(bold: true)
        default: return TextStyle(italic: true)
        }
    }
    /// The rule drawn under a heading: levels 1 and 2, and in plain text (which shows no `#`
    /// markers) every level.
    func headingRule(_ level: Int, color: Bool) -> Character? {
        switch level {
        case 1: return "━"
        case 2: return "─"
        default: return color ? nil : "┄"
        }
    }
    let headingMarker = TextStyle(dim: true)
    let inlineCode = TextStyle(color: .red)
    let link = TextStyle(color: .brightBlue, underline: true)
    let url = TextStyle(color: .brightBlack)
    let image = TextStyle(color: .magenta)
    let html = TextStyle(color: .brightBlack)
    let quoteBar = TextStyle(color: .brightBlack)
    let listMarker = TextStyle(color: .cyan, bold: true)
    let rule = TextStyle(color: .brightBlack)
    let codeLabel = TextStyle(color: .brightBlack)
    let codeClipMarker = TextStyle(color: .red)
    let tableRule = TextStyle(color: .brightBlack)
    let tableHeader = TextStyle(bold: true)

    // Syntax highlighting.
    let keyword = TextStyle(color: .magenta)
    let string = TextStyle(color: .green)
    let comment = TextStyle(color: .brightBlack, italic: true)
    let number = TextStyle(color: .cyan)
    let typeName = TextStyle(color: .brightBlue)

    /// Bullets by nesting depth (cycled).
    let bullets: [Character] = ["•", "◦", "▪"]
    let quoteGlyph = "│"
}
