import Foundation
import TerminalMarkdown

/// The text being edited at the prompt, its cursor and the history: the part of the line
/// editor that does not touch the terminal (so it can be tested key by key).
public struct LineBuffer: Sendable {
    /// A key, already decoded from the terminal's bytes.
    public enum Key: Equatable, Sendable {
        case character(Character)
        case left, right, home, end, up, down
        case backspace, delete, killToEnd, killToStart, killWordBack
        case enter
        /// Ctrl-C: drop the current input.
        case cancel
        /// Ctrl-D: leave when the line is empty, else delete under the cursor.
        case endOfInput
    }

    /// What a key did.
    public enum Outcome: Equatable, Sendable {
        case editing
        case submit(String)
        case cancelled
        case endOfInput
    }

    public private(set) var characters: [Character] = []
    public private(set) var cursor = 0
    public private(set) var history: [String]
    /// Which history entry is shown (nil: the line being typed).
    private var historyIndex: Int?
    private var draft: [Character] = []

    public init(history: [String] = []) { self.history = history }

    public var text: String { String(characters) }

    /// Applies one key.
    public mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .killToEnd: characters.removeSubrange(cursor...)
        case .killToStart:
            characters.removeSubrange(..<cursor)
            cursor = 0
        case .killWordBack:
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .up: showHistory(older: true)
        case .down: showHistory(older: false)
        case .enter:
            let line = text
            remember(line)
            reset()
            return .submit(line)
        case .cancel:
            reset()
            return .cancelled
        case .endOfInput:
            if characters.isEmpty { return .endOfInput }
            if cursor < characters.count { characters.remove(at: cursor) }
        }
        return .editing
    }

    /// Adds a line to the history (not blank ones, not a repeat of the last one).
    public mutating func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty, history.last != line else { return }
        history.append(line)
    }

    private mutating func reset() {
        characters = []
        cursor = 0
        historyIndex = nil
        draft = []
    }

    private mutating func showHistory(older: Bool) {
        guard !history.isEmpty else { return }
        if older {
            if historyIndex == nil { draft = characters; historyIndex = history.count - 1 }
            else if historyIndex! > 0 { historyIndex! -= 1 }
            else { return }
            characters = Array(history[historyIndex!])
        } else {
            guard let index = historyIndex else { return }
            if index + 1 < history.count {
                historyIndex = index + 1
                characters = Array(history[index + 1])
            } else {
                historyIndex = nil
                characters = draft
            }
        }
        cursor = characters.count
    }
}

/// Where text lands on a terminal `columns` wide when written from column 0, the way a
/// terminal wraps it: a character that does not fit in what is left of a row (a wide CJK
/// character with one column left) moves whole to the next row.
public struct WrappedLayout: Equatable, Sendable {
    /// Row and column where each character starts, and where the cursor rests after the last.
    public let starts: [(row: Int, column: Int)]
    public let end: (row: Int, column: Int)

    public static func == (a: WrappedLayout, b: WrappedLayout) -> Bool {
        a.starts.map { [$0.row, $0.column] } == b.starts.map { [$0.row, $0.column] } && a.end == b.end
    }

    /// Lays out characters of the given display widths. `end` is on the next row when the
    /// last row is exactly full (the editor then writes a newline so the terminal agrees).
    public init(widths: [Int], columns: Int) {
        let columns = max(columns, 2)
        var row = 0, column = 0
        var starts: [(row: Int, column: Int)] = []
        for width in widths {
            if column + width > columns { row += 1; column = 0 }
            starts.append((row, column))
            column += width
        }
        if column >= columns { row += 1; column = 0 }
        self.starts = starts
        self.end = (row, column)
    }

    /// Where the cursor is drawn when it stands before character `index` (or at the end).
    public func cursor(at index: Int) -> (row: Int, column: Int) {
        index < starts.count ? starts[index] : end
    }
}
