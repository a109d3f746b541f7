import TerminalMarkdown

/// What the charts need of TerminalMarkdown's 16 colours: the escape, and an sRGB value for SVG.
extension ANSIColor {
    /// The escape that switches the foreground to this colour.
    public var foreground: String { "\u{1B}[\(rawValue)m" }

    /// An sRGB approximation (xterm's defaults), for SVG output.
    public var rgbHex: String {
        switch self {
        case .black: return "#000000"
        case .red: return "#cd0000"
        case .green: return "#00a000"
        case .yellow: return "#b8a000"
        case .blue: return "#1f5fd0"
        case .magenta: return "#c000c0"
        case .cyan: return "#00a0b0"
        case .white: return "#a0a0a0"
        case .brightBlack: return "#606060"
        case .brightRed: return "#ff3030"
        case .brightGreen: return "#30d030"
        case .brightYellow: return "#e0d000"
        case .brightBlue: return "#5c8cff"
        case .brightMagenta: return "#ff40ff"
        case .brightCyan: return "#30e0e0"
        case .brightWhite: return "#ffffff"
        }
    }
}

/// ANSI escape sequences used by the visual renderers. Nothing here is written unless the
/// caller asked for colour or is drawing on a terminal.
public enum ANSI {
    public static let reset = "\u{1B}[0m"
    public static let bold = "\u{1B}[1m"
    public static let dim = "\u{1B}[2m"

    /// Wraps `text` in `color` when `enabled`, otherwise returns it unchanged.
    public static func colored(_ text: String, _ color: ANSIColor?, enabled: Bool) -> String {
        guard enabled, let color, !text.isEmpty else { return text }
        return color.foreground + text + reset
    }

    /// Moves the cursor up `n` lines, to the first column (CPL); nothing for 0.
    public static func cursorUp(_ n: Int) -> String { n > 0 ? "\u{1B}[\(n)F" : "" }
    /// Clears the whole current line.
    public static let clearLine = "\u{1B}[2K"
    /// Clears from the cursor to the end of the screen.
    public static let clearToEnd = "\u{1B}[0J"
    public static let hideCursor = "\u{1B}[?25l"
    public static let showCursor = "\u{1B}[?25h"

    /// `text` without its ANSI escape sequences (CSI … final byte, and OSC … BEL/ST).
    public static func strip(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            guard s == "\u{1B}" else { out.append(s); continue }
            guard let kind = scalars.next() else { break }
            if kind == "[" {
                while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
            } else if kind == "]" {
                var previous: Unicode.Scalar = " "
                while let c = scalars.next() {
                    if c == "\u{07}" || (previous == "\u{1B}" && c == "\\") { break }
                    previous = c
                }
            }
        }
        return String(out)
    }
}

/// How much colour the terminal can show.
public enum ColorDepth: Int, Comparable, Sendable {
    /// No escapes at all.
    case none
    /// The 16 standard colours.
    case ansi16
    /// xterm's 256-colour palette (with its 24-step grey ramp).
    case ansi256
    /// 24-bit RGB (`COLORTERM=truecolor` or `24bit`).
    case trueColor

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// The depth a terminal announces through its environment, given that colour is wanted:
    /// `COLORTERM` truecolor/24bit means 24-bit, a `TERM` of `dumb` means none, else 256 colours.
    public static func detect(environment: [String: String]) -> ColorDepth {
        let colorterm = environment["COLORTERM", default: ""].lowercased()
        if colorterm == "truecolor" || colorterm == "24bit" { return .trueColor }
        let term = environment["TERM", default: ""].lowercased()
        if term == "dumb" { return .none }
        if term.contains("256") || !colorterm.isEmpty || term.hasPrefix("xterm") || term.hasPrefix("tmux")
            || term.hasPrefix("screen") { return .ansi256 }
        return .ansi16
    }
}
