import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// Everything the session draws: lesson text (paged on a terminal), checkpoint panels,
/// verdicts and progress bars, fitted to the terminal's width. Over a pipe: the same text
/// without escapes and without waiting.
final class Screen {
    let interactive: Bool
    let style: TerminalText
    let language: TutorLanguage
    let editor: LineEditor

    init(interactive: Bool, color: Bool, language: TutorLanguage, editor: LineEditor) {
        self.interactive = interactive
        self.style = TerminalText(color: color)
        self.language = language
        self.editor = editor
    }

    /// The width to lay text out in (at least 20, at most 100 for readability on a terminal;
    /// over a pipe `COLUMNS`, else 80).
    var width: Int { interactive ? min(max(Terminal.size.columns, 20), 100) : max(TerminalEnvironment.width(), 20) }
    var rows: Int { interactive ? max(Terminal.size.rows, 5) : Int.max }

    func say(_ text: String) { Terminal.output(text + "\n") }
    func say(_ lines: [String]) { if !lines.isEmpty { Terminal.output(lines.joined(separator: "\n") + "\n") } }
    /// The tutor's sentence `key` in the learner's language.
    func words(_ key: TutorText, _ arguments: CustomStringConvertible...) -> String {
        key.textWithArguments(language, arguments)
    }

    /// Shows `lines` a screen at a time on a terminal, with `less`'s keys: Space or Enter for
    /// the next screen, b for the one before, q to stop reading. Returns where q stopped (the
    /// first line not shown, for `back` to show what was skipped), nil when all was read.
    /// `from` starts at the screen holding that line, with the screens before it behind b.
    /// `reserve` rows are kept free on the last screen for what follows (the checkpoint
    /// panel and the prompt), so the end of the text never scrolls away unread.
    @discardableResult
    func page(_ lines: [String], reserve: Int = 0, from: Int = 0) -> Int? {
        guard interactive else { say(lines); return nil }
        let screenful = max(rows - 2, 3)
        // Where each screen starts, so b can go back to the one before.
        var starts: [Int] = []
        var index = 0
        while index < lines.count {
            let remaining = lines.count - index
            var end = min(lines.count, index + screenful)
            if remaining > screenful - min(reserve, screenful / 2), remaining <= screenful {
                // It would fit, but not with what follows: stop earlier and show the tail with it.
                end = index + max(1, screenful - min(reserve, screenful / 2))
            }
            starts.append(index)
            if end <= from {   // read before: only remembered for b
                index = end
                continue
            }
            say(Array(lines[index..<end]))
            index = end
            while index < lines.count {
                let more = style.dim(TextWidth.truncate(TutorText.pagerMore.text(language), to: width - 1))
                switch editor.pagerKey(prompt: more) {
                case .quit: return index
                case .forward: break
                case .back:
                    guard starts.count > 1 else { continue }   // already at the first screen
                    starts.removeLast()
                    index = starts.removeLast()
                    Terminal.output("\u{1B}[2J\u{1B}[H")   // the screen before, alone, as less shows it
                }
                break
            }
        }
        return nil
    }

    /// A heading rule: `── title ────── 3/9`.
    func rule(_ title: String, right: String = "") -> String {
        let left = "── " + TextWidth.truncate(title, to: max(width - 10 - right.count, 8)) + " "
        let tail = right.isEmpty ? "" : " " + right
        let fill = max(2, width - TextWidth.of(left) - TextWidth.of(tail))
        return style.bold(left) + style.dim(String(repeating: "─", count: fill)) + tail
    }

    /// A box around `body` lines (already wrapped to `width - 4`), titled.
    func box(title: String, body: [String]) -> [String] {
        Screen.box(title: title, body: body, width: width, style: style)
    }

    static func box(title: String, body: [String], width: Int, style: TerminalText) -> [String] {
        let inner = width - 4
        let head = "╭─ " + TextWidth.truncate(title, to: inner - 2) + " "
        var lines = [style.cyan(head + String(repeating: "─", count: max(0, width - 1 - TextWidth.of(head))) + "╮")]
        for line in body {
            lines.append(style.cyan("│") + " " + TextWidth.padRight(line, to: inner) + " " + style.cyan("│"))
        }
        lines.append(style.cyan("╰" + String(repeating: "─", count: width - 2) + "╯"))
        return lines
    }

    /// Plain text wrapped to `columns` display columns (words kept whole when they fit; CJK
    /// text breaks between any two characters).
    static func wrap(_ text: String, columns: Int) -> [String] {
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in tokens(String(paragraph)) {
                let w = TextWidth.of(word)
                if lineWidth + w > columns, !line.isEmpty {
                    result.append(line.trimmingTrailingSpaces())
                    line = ""
                    lineWidth = 0
                    if word == " " { continue }
                }
                if w > columns {
                    for character in word {
                        let cw = characterWidth(character)
                        if lineWidth + cw > columns { result.append(line); line = ""; lineWidth = 0 }
                        line.append(character)
                        lineWidth += cw
                    }
                } else {
                    line += word
                    lineWidth += w
                }
            }
            result.append(line.trimmingTrailingSpaces())
        }
        return result
    }

    /// Lines of a two-column text (a command, then its description from column `indent`),
    /// each wrapped so the description continues under itself.
    static func hangingWrap(_ text: String, indent: Int, columns: Int) -> [String] {
        var result: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard TextWidth.of(line) > columns else { result.append(line); continue }
            let head = String(line.prefix(indent))
            let usesColumns = head.count == indent && TextWidth.of(head) == indent && columns > indent + 10
            let pad = usesColumns ? indent : 2
            let body = usesColumns ? String(line.dropFirst(indent)) : line
            let wrapped = wrap(body, columns: columns - pad)
            for (index, piece) in wrapped.enumerated() {
                if usesColumns { result.append((index == 0 ? head : String(repeating: " ", count: pad)) + piece) }
                else { result.append(index == 0 ? piece : String(repeating: " ", count: pad) + piece) }
            }
        }
        return result
    }

    /// Words, single spaces, and single wide characters (which may break anywhere).
    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == " " || characterWidth(character) == 2 {
                if !current.isEmpty { tokens.append(current); current = "" }
                tokens.append(String(character))
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}

extension TutorText {
    func textWithArguments(_ language: TutorLanguage, _ arguments: [CustomStringConvertible]) -> String {
        TutorText.fill(text(language), arguments.map(\.description))
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
