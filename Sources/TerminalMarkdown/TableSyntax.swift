/// GitHub table syntax, read from the source lines of a paragraph that plain CommonMark
/// (libcmark) parsed: a header row, a delimiter row (`| --- | :-: |`) with as many cells, then
/// body rows. Cells are split at unescaped pipes before any inline is parsed, as GitHub does,
/// so `\|` puts a pipe in a cell (also inside a code span).
struct TableSyntax: Equatable {
    /// Paragraph lines before the header row (a table may end a paragraph).
    var leadingLines: [String]
    var header: [String]
    var alignments: [MarkdownColumnAlignment]
    /// Body rows, each with exactly `alignments.count` cells (missing ones empty, extra dropped).
    var rows: [[String]]
    /// Index of the header row among the paragraph's lines.
    var headerIndex: Int

    /// The table in `lines` (a paragraph's lines without container prefixes), or nil.
    init?(lines: [String]) {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count {
            // Most paragraphs have no line of only `|:-` and spaces: skip them cheaply.
            guard lines[index].utf8.allSatisfy({ $0 == 0x7C || $0 == 0x3A || $0 == 0x2D || $0 == 0x20 || $0 == 0x09 }),
                  let alignments = TableSyntax.delimiterRow(lines[index]) else { continue }
            let header = TableSyntax.cells(of: lines[index - 1])
            guard header.count == alignments.count,
                  lines[index].contains("|") || lines[index - 1].contains("|") else { continue }
            self.leadingLines = Array(lines[..<(index - 1)])
            self.header = header
            self.alignments = alignments
            self.headerIndex = index - 1
            self.rows = lines[(index + 1)...].map { line in
                var cells = TableSyntax.cells(of: line)
                if cells.count > alignments.count { cells.removeLast(cells.count - alignments.count) }
                while cells.count < alignments.count { cells.append("") }
                return cells
            }
            return
        }
        return nil
    }

    /// The alignments of a delimiter row (`:--`, `:-:`, `--:`, `---` per cell), or nil when the
    /// line is not one.
    static func delimiterRow(_ line: String) -> [MarkdownColumnAlignment]? {
        var alignments: [MarkdownColumnAlignment] = []
        for cell in cells(of: line) {
            var body = Substring(cell)
            let left = body.hasPrefix(":")
            if left { body = body.dropFirst() }
            let right = body.hasSuffix(":")
            if right { body = body.dropLast() }
            guard !body.isEmpty, body.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : MarkdownColumnAlignment.none)
        }
        return alignments.isEmpty ? nil : alignments
    }

    /// The cells of a row: split at unescaped `|`, one leading and one trailing pipe dropped,
    /// spaces trimmed, `\|` turned into `|`.
    static func cells(of line: String) -> [String] {
        var row = Substring(line.trimmingSpaces)
        if row.hasPrefix("|") { row = row.dropFirst() }
        if row.hasSuffix("|") && !endsWithEscape(row.dropLast()) { row = row.dropLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if escaped {
                if character != "|" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current.trimmingSpaces)
        return cells
    }

    /// Whether `text` ends in an odd number of backslashes (so a pipe after it is escaped).
    private static func endsWithEscape(_ text: Substring) -> Bool {
        text.reversed().prefix { $0 == "\\" }.count % 2 == 1
    }
}
