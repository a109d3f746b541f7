/// Lays out a GitHub table in a given width, as glow does: columns separated by `│`, a rule
/// under the header row, no outer border, each cell aligned as its delimiter cell says and
/// measured by display width (CJK counts 2).
///
/// When the natural widths do not fit, cells wrap at word boundaries (the columns that need it
/// most get the room); between rows that wrapped, a light rule keeps them apart. Words longer
/// than 8 columns are broken if that makes the columns fit; when even that is not enough, each
/// body row is shown as a record instead: a two-column table of header and value, records
/// separated by a blank line.
struct TableLayout {
    let renderer: InlineRenderer
    let theme: Theme
    let color: Bool

    /// Longest words above this may be broken before a table becomes records.
    private let breakableWord = 8
    private let separator = " │ "

    func render(_ table: MarkdownNode, width: Int) -> [[Cell]] {
        let columns = table.children.map(\.children.count).max() ?? 0
        guard columns > 0 else { return [] }
        var alignments = table.columnAlignments ?? []
        while alignments.count < columns { alignments.append(.none) }
        let headerStyle = color ? theme.tableHeader : TextStyle.plain
        let rows: [[[Cell]]] = table.children.enumerated().map { index, row in
            (0..<columns).map { column in
                column < row.children.count
                    ? renderer.render(lineBreaksForBR(row.children[column].children), base: index == 0 ? headerStyle : .plain)
                    : []
            }
        }
        let available = width - separator.count * (columns - 1)
        let natural = (0..<columns).map { column in rows.map { lineWidth($0[column]) }.max() ?? 0 }
        let words = (0..<columns).map { column in rows.map { widestWord($0[column]) }.max() ?? 0 }
        // A column is never narrower than its widest character (a CJK one needs 2).
        let glyphs = (0..<columns).map { column in rows.map { widestCharacter($0[column]) }.max() ?? 0 }
        let breakable = zip(words, glyphs).map { max(min($0, breakableWord), $1) }
        if let widths = fit(natural: natural, minimum: words, available: available)
            ?? fit(natural: natural, minimum: breakable, available: available)
            ?? (rows.count == 1 ? fit(natural: natural, minimum: glyphs, available: available) : nil) {
            return grid(rows, widths: widths, alignments: alignments)
        }
        return records(header: rows[0], body: Array(rows.dropFirst()), width: width)
    }

    /// Each body row as a two-column table: the header cells beside the row's cells.
    private func records(header: [[Cell]], body: [[[Cell]]], width: Int) -> [[Cell]] {
        if body.isEmpty { return header.flatMap { breakLines($0, width: width).map(trimTrailingSpaces) } }
        let keyNatural = header.map(lineWidth).max() ?? 0
        let valueNatural = body.flatMap { $0.map(lineWidth) }.max() ?? 0
        let keyGlyph = header.map(widestCharacter).max() ?? 0
        let valueGlyph = body.flatMap { $0.map(widestCharacter) }.max() ?? 0
        let available = width - separator.count
        let keyWidth = max(min(keyNatural, max(available / 3, 1)), keyGlyph)
        var out: [[Cell]] = []
        for (index, row) in body.enumerated() {
            if index > 0 { out.append([]) }
            let pairs = zip(header, row).map { [$0, $1] }
            if available >= 8 {
                let widths = fit(natural: [keyNatural, valueNatural], minimum: [keyWidth, valueGlyph],
                                 available: available) ?? [keyWidth, max(available - keyWidth, valueGlyph)]
                out += grid([[[], []]] + pairs, widths: widths, alignments: [.none, .none], hasHeader: false,
                            rulesBetweenRows: false)
            } else {
                // Too narrow for two columns: each header, then its value, one under the other.
                for pair in pairs {
                    out += breakLines(pair[0], width: width).map(trimTrailingSpaces)
                    out += breakLines(pair[1], width: width).map(trimTrailingSpaces)
                }
            }
        }
        return out
    }

    /// The rows side by side in columns of `widths`; the first row is the header unless told
    /// otherwise (then it is skipped: records have none). Rows that wrap are kept apart by rules.
    private func grid(_ rows: [[[Cell]]], widths: [Int], alignments: [MarkdownColumnAlignment],
                      hasHeader: Bool = true, rulesBetweenRows: Bool = true) -> [[Cell]] {
        let wrapped = rows.map { row in
            zip(row, widths).map { cell, width in cell.isEmpty ? [[]] : breakLines(cell, width: width).map(trimTrailingSpaces) }
        }
        let bodyWraps = rulesBetweenRows && wrapped.dropFirst().contains { $0.contains { $0.count > 1 } }
        let ruleStyle = color ? theme.tableRule : TextStyle.plain
        var out: [[Cell]] = []
        for (index, row) in wrapped.enumerated() {
            if index == 0 && !hasHeader { continue }
            if index > 1 && bodyWraps {
                out.append(rule(widths, glyph: "┄", style: ruleStyle))
            }
            let height = row.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var line: [Cell] = []
                for (column, width) in widths.enumerated() {
                    if column > 0 { line += cells(separator, style: ruleStyle) }
                    let text = lineIndex < row[column].count ? row[column][lineIndex] : []
                    line += aligned(text, width: width, alignment: alignments[column])
                }
                out.append(trimTrailingSpaces(line))
            }
            if index == 0 { out.append(rule(widths, glyph: "─", style: ruleStyle)) }
        }
        return out
    }

    /// `─────┼─────` under the header (or `┄` between wrapped rows).
    private func rule(_ widths: [Int], glyph: Character, style: TextStyle) -> [Cell] {
        var line: [Cell] = []
        for (column, width) in widths.enumerated() {
            if column > 0 { line += [glyph, "┼", glyph].map { Cell(character: $0, width: 1, style: style) } }
            line += Array(repeating: Cell(character: glyph, width: 1, style: style), count: width)
        }
        return line
    }

    private func aligned(_ text: [Cell], width: Int, alignment: MarkdownColumnAlignment) -> [Cell] {
        let spare = max(width - lineWidth(text), 0)
        let left: Int
        switch alignment {
        case .right: left = spare
        case .center: left = spare / 2
        case .left, .none: left = 0
        }
        return spaces(left) + text + spaces(spare - left)
    }

    private func spaces(_ count: Int) -> [Cell] {
        Array(repeating: Cell(ascii: 0x20, style: .plain), count: count)
    }
}

/// Column widths between `minimum` and `natural` that add up to at most `available`: the
/// natural widths when they fit; else narrow columns keep their natural width (each one that
/// fits in an equal share of what is left), and the wide ones share the rest, beyond their
/// minimum, in proportion to what each still lacks. Nil when even the minimum does not fit.
func fit(natural: [Int], minimum: [Int], available: Int) -> [Int]? {
    if natural.reduce(0, +) <= available { return natural }
    guard minimum.reduce(0, +) <= available, minimum.allSatisfy({ $0 >= 0 }) else { return nil }
    var widths = minimum
    var open = Array(natural.indices)
    var budget = available
    while !open.isEmpty {
        let share = budget / open.count
        let narrow = open.filter { natural[$0] <= share }
        let rest = open.filter { natural[$0] > share }
        guard !narrow.isEmpty, rest.map({ minimum[$0] }).reduce(0, +) <= budget - narrow.map({ natural[$0] }).reduce(0, +)
        else { break }
        for column in narrow { widths[column] = natural[column] }
        budget -= narrow.map { natural[$0] }.reduce(0, +)
        open = rest
    }
    let lacks = open.map { max(natural[$0] - minimum[$0], 0) }
    let totalLack = lacks.reduce(0, +)
    let room = budget - open.map { minimum[$0] }.reduce(0, +)
    for (column, lack) in zip(open, lacks) where totalLack > 0 {
        widths[column] = minimum[column] + room * lack / totalLack
    }
    // What rounding left over goes one column at a time to those that lack the most.
    var left = available - widths.reduce(0, +)
    while left > 0 {
        guard let column = open.filter({ widths[$0] < natural[$0] })
            .max(by: { natural[$0] - widths[$0] < natural[$1] - widths[$1] }) else { break }
        widths[column] += 1
        left -= 1
    }
    return widths
}

/// `<br>` is the only way to break a line inside a GitHub table cell: it becomes a line break
/// there (elsewhere raw HTML stays text).
private func lineBreaksForBR(_ inlines: [MarkdownNode]) -> [MarkdownNode] {
    inlines.map { node in
        guard node.kind == .htmlInline, let tag = node.literal?.lowercased().filter({ $0 != " " }),
              tag == "<br>" || tag == "<br/>" else { return node }
        return MarkdownNode(kind: .lineBreak)
    }
}

private func widestCharacter(_ line: [Cell]) -> Int {
    line.map(\.width).max() ?? 0
}

/// The width of the widest of the line's parts between hard breaks.
private func lineWidth(_ line: [Cell]) -> Int {
    var widest = 0
    var current = 0
    for cell in line {
        if cell.isHardBreak { current = 0 } else { current += cell.width }
        widest = max(widest, current)
    }
    return widest
}
