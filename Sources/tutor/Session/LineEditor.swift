import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// What reading one line gave.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: the input was dropped.
    case cancelled
    /// Ctrl-D on an empty line, or the end of standard input.
    case endOfInput
}

/// Reads lines at the prompt. On a terminal: raw mode, arrow keys, Home/End, backspace,
/// history, Ctrl-C / Ctrl-D, and correct cursor movement over wide CJK characters, also
/// when the line wraps. Without a terminal: plain lines from standard input (echoed after
/// the prompt so a transcript reads well), and end of input ends cleanly.
final class LineEditor {
    private var buffer = LineBuffer()
    /// Rows between the prompt's first row and where the cursor was left by the last draw.
    private var cursorRow = 0
    /// The prompt and text of the last draw (to know where the text ends).
    private var lastDrawn: [Character] = []
    private let interactive: Bool

    init(interactive: Bool = Terminal.isInteractive) {
        self.interactive = interactive
    }

    /// Reads one line after `prompt` (which may carry colour; its width is measured without it).
    /// With `joiningPastedLines`, on a terminal without bracketed paste, an Enter that arrives
    /// together with more text (a paste, not a person typing) is a space, as in a bracketed paste.
    func readLine(prompt: String, joiningPastedLines: Bool = false) -> LineInput {
        interactive ? readInteractive(prompt: prompt, joiningPastedLines: joiningPastedLines) : readPlain(prompt: prompt)
    }

    /// What a key pressed at the pager's "more" line asks for.
    enum PagerKey { case forward, back, quit }

    /// Waits, without echo, for a pager key as `less` has them: Space, Enter (or j, f, ↓,
    /// Page Down) forward; b (or k, ↑, Page Up) back; q, Ctrl-C, Ctrl-D or end of input quit.
    func pagerKey(prompt: String) -> PagerKey {
        guard interactive else { return .forward }
        Terminal.output(prompt)
        let result: PagerKey = Terminal.withRawMode {
            while true {
                switch Terminal.readByte() {
                case .byte(13), .byte(10), .byte(32), .byte(UInt8(ascii: "j")), .byte(UInt8(ascii: "f")): return .forward
                case .byte(UInt8(ascii: "b")), .byte(UInt8(ascii: "k")): return .back
                case .byte(UInt8(ascii: "q")), .byte(UInt8(ascii: "Q")), .byte(3), .byte(4), .end: return .quit
                case .byte(27):
                    switch readEscape() {
                    case .key(.down)?, .pageDown?: return .forward
                    case .key(.up)?, .pageUp?: return .back
                    default: continue
                    }
                default: continue
                }
            }
        }
        Terminal.output("\r\u{1B}[2K")
        return result
    }

    // MARK: Without a terminal

    private func readPlain(prompt: String) -> LineInput {
        Terminal.output(prompt)
        guard let line = Swift.readLine(strippingNewline: true) else {
            Terminal.output("\n")
            return .endOfInput
        }
        Terminal.output(line + "\n")
        return .line(line)
    }

    // MARK: On a terminal

    private func readInteractive(prompt: String, joiningPastedLines: Bool) -> LineInput {
        cursorRow = 0
        // Inside a paste, after a line break: its indentation is dropped, and one space stands for it.
        var afterPastedBreak = false
        // Bracketed paste on while the prompt waits: a pasted printout arrives as one piece.
        Terminal.output("\u{1B}[?2004h")
        defer { Terminal.output("\u{1B}[?2004l") }
        return Terminal.withRawMode {
            redraw(prompt: prompt)
            while true {
                if Terminal.takeWindowChange() { redraw(prompt: prompt) }
                guard let key = readKey() else {
                    if Terminal.takeWindowChange() { redraw(prompt: prompt) }
                    continue
                }
                if key == .endOfInputByte {
                    finish(prompt: prompt)
                    return .endOfInput
                }
                if case .paste(let text) = key {
                    for character in LineEditor.pastedLine(text) { _ = buffer.apply(.character(character)) }
                    redraw(prompt: prompt)
                    continue
                }
                guard case .key(let decoded) = key else { continue }
                if joiningPastedLines, decoded == .enter, Terminal.byteReady(milliseconds: LineEditor.pasteGap) {
                    afterPastedBreak = true
                    continue
                }
                if afterPastedBreak, case .character(let character) = decoded {
                    if character == " " { continue }
                    if let last = buffer.characters.last, last != " " { _ = buffer.apply(.character(" ")) }
                }
                afterPastedBreak = false
                switch buffer.apply(decoded) {
                case .editing:
                    redraw(prompt: prompt)
                case .submit(let line):
                    finish(prompt: prompt)
                    return .line(line)
                case .cancelled:
                    finish(prompt: prompt)
                    return .cancelled
                case .endOfInput:
                    finish(prompt: prompt)
                    return .endOfInput
                }
            }
        }
    }

    /// Milliseconds within which the text after an Enter counts as arriving with it: far less
    /// than anyone takes to type the next key, more than a terminal takes between a paste's pieces.
    static let pasteGap: Int32 = 15

    private enum Decoded: Equatable {
        case key(LineBuffer.Key)
        case endOfInputByte
        /// Text between the terminal's bracketed-paste markers.
        case paste(String)
        case pageUp, pageDown
    }

    /// A paste as one line: each line break and the indentation after it become one space,
    /// so a NumPy or PyTorch printout over several lines is one answer.
    static func pastedLine(_ text: String) -> String {
        var result = ""
        var afterBreak = false
        for character in text.replacingOccurrences(of: "\r\n", with: "\n") {
            if character == "\n" || character == "\r" {
                afterBreak = true
            } else if afterBreak && (character == " " || character == "\t") {
                continue
            } else {
                if afterBreak { result.append(" "); afterBreak = false }
                result.append(character == "\t" ? " " : character)
            }
        }
        return result
    }

    /// Reads a bracketed paste up to its end marker `ESC [ 201 ~`.
    private func readPaste() -> Decoded? {
        let end: [UInt8] = [27, UInt8(ascii: "["), UInt8(ascii: "2"), UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "~")]
        var bytes: [UInt8] = []
        while true {
            guard case .byte(let byte) = Terminal.readByte() else { break }
            bytes.append(byte)
            if bytes.count >= end.count, Array(bytes.suffix(end.count)) == end {
                bytes.removeLast(end.count)
                break
            }
        }
        return .paste(String(decoding: bytes, as: UTF8.self))
    }

    /// Decodes one key from the bytes of standard input; nil when nothing usable arrived
    /// (an unknown escape sequence, or a read interrupted by a signal).
    private func readKey() -> Decoded? {
        let byte: UInt8
        switch Terminal.readByte() {
        case .end: return .endOfInputByte
        case .interrupted: return nil
        case .byte(let value): byte = value
        }
        switch byte {
        case 13, 10: return .key(.enter)
        case 3: return .key(.cancel)
        case 4: return .key(.endOfInput)
        case 127, 8: return .key(.backspace)
        case 1: return .key(.home)
        case 5: return .key(.end)
        case 2: return .key(.left)
        case 6: return .key(.right)
        case 11: return .key(.killToEnd)
        case 21: return .key(.killToStart)
        case 23: return .key(.killWordBack)
        case 16: return .key(.up)
        case 14: return .key(.down)
        case 27: return readEscape()
        case 0..<32: return nil
        default: return readCharacter(first: byte)
        }
    }

    private func readEscape() -> Decoded? {
        guard Terminal.byteReady(milliseconds: 50), case .byte(let kind) = Terminal.readByte() else { return nil }
        guard kind == UInt8(ascii: "[") || kind == UInt8(ascii: "O") else { return nil }
        var parameters: [UInt8] = []
        while true {
            guard case .byte(let byte) = Terminal.readByte() else { return nil }
            if (0x40...0x7E).contains(byte) {
                let number = String(decoding: parameters, as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
                switch (byte, number) {
                case (UInt8(ascii: "A"), _): return .key(.up)
                case (UInt8(ascii: "B"), _): return .key(.down)
                case (UInt8(ascii: "C"), _): return .key(.right)
                case (UInt8(ascii: "D"), _): return .key(.left)
                case (UInt8(ascii: "H"), _): return .key(.home)
                case (UInt8(ascii: "F"), _): return .key(.end)
                case (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): return .key(.home)
                case (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): return .key(.end)
                case (UInt8(ascii: "~"), "3"): return .key(.delete)
                case (UInt8(ascii: "~"), "5"): return .pageUp
                case (UInt8(ascii: "~"), "6"): return .pageDown
                case (UInt8(ascii: "~"), "200"): return readPaste()
                default: return nil // function keys, a stray paste end: ignored
                }
            }
            parameters.append(byte)
            if parameters.count > 16 { return nil }
        }
    }

    private func readCharacter(first: UInt8) -> Decoded? {
        let length: Int
        switch first {
        case 0xC0...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF7: length = 4
        case 0x80...0xFF: return nil
        default: length = 1
        }
        var bytes = [first]
        while bytes.count < length {
            guard case .byte(let next) = Terminal.readByte() else { return nil }
            bytes.append(next)
        }
        guard let text = String(validating: bytes, as: UTF8.self), let character = text.first else { return nil }
        return .key(.character(character))
    }

    // MARK: Drawing

    /// Redraws prompt and text from the prompt's first row, then puts the cursor where it belongs.
    private func redraw(prompt: String) {
        let columns = Terminal.size.columns
        let promptCharacters = Array(ANSI.strip(prompt))
        let all = promptCharacters + buffer.characters
        let layout = WrappedLayout(widths: all.map(characterWidth), columns: columns)
        var out = ""
        if cursorRow > 0 { out += "\u{1B}[\(cursorRow)A" }
        out += "\r\u{1B}[J" + prompt + String(buffer.characters)
        // When the text exactly fills its last row, move to the next row so the terminal's
        // cursor and our layout agree.
        if layout.end.column == 0, !all.isEmpty { out += "\n" }
        let target = layout.cursor(at: promptCharacters.count + buffer.cursor)
        let up = layout.end.row - target.row
        if up > 0 { out += "\u{1B}[\(up)A" }
        out += "\r"
        if target.column > 0 { out += "\u{1B}[\(target.column)C" }
        cursorRow = target.row
        lastDrawn = all
        Terminal.output(out)
    }

    /// Leaves the prompt's rows: the cursor goes to the start of the row below the text.
    private func finish(prompt: String) {
        let layout = WrappedLayout(widths: lastDrawn.map(characterWidth), columns: Terminal.size.columns)
        let down = max(0, layout.end.row - cursorRow)
        var out = down > 0 ? "\u{1B}[\(down)B" : ""
        // A text that exactly filled its last row already left the cursor on a fresh row.
        out += (layout.end.column == 0 && !lastDrawn.isEmpty) ? "\r" : "\r\n"
        cursorRow = 0
        lastDrawn = []
        Terminal.output(out)
    }
}
