/// The 16 basic ANSI foreground colours (no backgrounds: text must read on light and dark
/// terminals alike).
public enum ANSIColor: Int, Sendable, Equatable {
    case black = 30, red, green, yellow, blue, magenta, cyan, white
    case brightBlack = 90, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta,
         brightCyan, brightWhite
}

/// How a run of text looks. Rendered as SGR codes (and OSC 8 for `link`) only when colour is on.
struct TextStyle: Equatable {
    var color: ANSIColor?
    var bold = false
    var dim = false
    var italic = false
    var underline = false
    /// Target of an OSC 8 hyperlink (already sanitised), when hyperlinks are on.
    var link: String?

    static let plain = TextStyle()

    /// The SGR parameters of this style, e.g. `"1;35"`; empty for the plain style.
    var sgrParameters: String {
        var codes: [String] = []
        if bold { codes.append("1") }
        if dim { codes.append("2") }
        if italic { codes.append("3") }
        if underline { codes.append("4") }
        if let color { codes.append(String(color.rawValue)) }
        return codes.joined(separator: ";")
    }
}

/// One grapheme cluster on its way to the screen, with its width and style.
struct Cell {
    var character: Character
    var width: Int
    var style: TextStyle
    /// Markup shown in plain mode (`*`, `**`, backticks): not text, so it does not count as a
    /// neighbour when a soft break decides between a space and nothing.
    var isDecoration = false

    /// A soft line break, resolved to a space or to nothing once both neighbours are known.
    static let softBreakMarker: Character = "\u{1}"
    /// A hard line break.
    static let hardBreakMarker: Character = "\n"

    var isSpace: Bool { character == " " }
}

/// Turns sanitised text into cells.
func cells(_ text: String, style: TextStyle) -> [Cell] {
    var out: [Cell] = []
    out.reserveCapacity(text.utf8.count)
    for character in text {
        out.append(Cell(character: character, width: characterWidth(character), style: style))
    }
    return out
}

/// Writes cells as one line of terminal text. With `color` off no escape byte is written.
/// Every styled line closes its styles and hyperlink at its end, so lines can be prefixed,
/// reordered or printed alone.
func emitLine(_ line: [Cell], color: Bool) -> String {
    var out = ""
    if !color {
        for cell in line { out.append(cell.character) }
        return out
    }
    var current = TextStyle.plain
    for cell in line {
        if cell.style != current {
            if cell.style.link != current.link {
                if current.link != nil { out += "\u{1B}]8;;\u{1B}\\" }
                if let link = cell.style.link { out += "\u{1B}]8;;\(link)\u{1B}\\" }
            }
            let old = current.sgrParameters
            let new = cell.style.sgrParameters
            if old != new {
                if !old.isEmpty { out += "\u{1B}[0m" }
                if !new.isEmpty { out += "\u{1B}[\(new)m" }
            }
            current = cell.style
        }
        out.append(cell.character)
    }
    if !current.sgrParameters.isEmpty { out += "\u{1B}[0m" }
    if current.link != nil { out += "\u{1B}]8;;\u{1B}\\" }
    return out
}
