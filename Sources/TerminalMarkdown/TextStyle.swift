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
    var strikethrough = false
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
        if strikethrough { codes.append("9") }
        if let color { codes.append(String(color.rawValue)) }
        return codes.joined(separator: ";")
    }
}

/// One grapheme cluster on its way to the screen, with its width and style.
struct Cell {
    var character: Character
    var width: Int
    var style: TextStyle
    /// The first scalar of `character`, kept for fast tests (space, breaks, punctuation)
    /// without comparing Characters.
    var scalar: UInt32
    /// Markup shown in plain mode (`~~`): not text, so it does not count as a
    /// neighbour when a soft break decides between a space and nothing, and it stays with the
    /// text it encloses when lines are broken.
    var decoration = Decoration.none
    /// No line break between this cell and the one before (inside a code span).
    var gluedToPrevious = false

    enum Decoration { case none, opening, closing }

    var isDecoration: Bool { decoration != .none }

    init(character: Character, width: Int, style: TextStyle) {
        self.character = character
        self.width = width
        self.style = style
        self.scalar = character.unicodeScalars.first!.value
    }

    /// A cluster of one scalar.
    init(scalar: UInt32, style: TextStyle) {
        self.character = Character(Unicode.Scalar(scalar)!)
        self.width = scalarWidth(scalar)
        self.style = style
        self.scalar = scalar
    }

    init(ascii byte: UInt8, style: TextStyle) {
        self.character = Character(Unicode.Scalar(byte))
        self.width = 1
        self.style = style
        self.scalar = UInt32(byte)
    }

    /// A soft line break, resolved to a space or to nothing once both neighbours are known.
    static let softBreakMarker: Character = "\u{1}"
    /// A hard line break.
    static let hardBreakMarker: Character = "\n"

    var isSpace: Bool { scalar == 0x20 }
    var isHardBreak: Bool { scalar == 0x0A }
    var isSoftBreak: Bool { scalar == 0x01 }
}

/// Turns sanitised text into cells.
func cells(_ text: String, style: TextStyle) -> [Cell] {
    var out: [Cell] = []
    out.reserveCapacity(text.utf8.count)
    // Fast path: ASCII needs no grapheme breaking (sanitised text holds no CR LF pair).
    if isPrintableASCII(text) {
        for byte in text.utf8 {
            out.append(Cell(ascii: byte, style: style))
        }
        return out
    }
    forEachCluster(text) { first, character in
        if let character {
            out.append(Cell(character: character, width: characterWidth(character), style: style))
        } else {
            out.append(Cell(scalar: first, style: style))
        }
    }
    return out
}

/// Writes cells as one line of terminal text. With `color` off no escape byte is written.
/// Every styled line closes its styles and hyperlink at its end, so lines can be prefixed,
/// reordered or printed alone.
func emitLine(_ line: [Cell], color: Bool) -> String {
    // Built as bytes: appending Characters to a String one by one is several times slower.
    var out: [UInt8] = []
    out.reserveCapacity(line.count + 16)
    func append(_ cell: Cell) {
        if cell.scalar < 0x80 && cell.width == 1 {
            out.append(UInt8(cell.scalar))
        } else {
            out.append(contentsOf: cell.character.utf8)
        }
    }
    if !color {
        for cell in line { append(cell) }
        return String(decoding: out, as: UTF8.self)
    }
    var current = TextStyle.plain
    for cell in line {
        if cell.style != current {
            if cell.style.link != current.link {
                if current.link != nil { out += "\u{1B}]8;;\u{1B}\\".utf8 }
                if let link = cell.style.link { out += "\u{1B}]8;;\(link)\u{1B}\\".utf8 }
            }
            let old = current.sgrParameters
            let new = cell.style.sgrParameters
            if old != new {
                if !old.isEmpty { out += "\u{1B}[0m".utf8 }
                if !new.isEmpty { out += "\u{1B}[\(new)m".utf8 }
            }
            current = cell.style
        }
        append(cell)
    }
    if !current.sgrParameters.isEmpty { out += "\u{1B}[0m".utf8 }
    if current.link != nil { out += "\u{1B}]8;;\u{1B}\\".utf8 }
    return String(decoding: out, as: UTF8.self)
}
