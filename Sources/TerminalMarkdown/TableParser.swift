/// Turns a paragraph that cmark parsed into a GitHub table when its source lines form one:
/// the table node (rows of cells of inlines), preceded by a paragraph of the lines before the
/// header row if there are any. Nil when the paragraph is no table.
///
/// A setext heading is looked at too, since plain CommonMark reads a table followed by `---`
/// as a level-2 heading: that becomes the table and a thematic break (GitHub's reading); under
/// `===` (level 1) the underline is one more row, as GitHub has it.
func tableBlocks(_ paragraph: MarkdownNode, source: SourceLines, quoteDepth: Int) -> [MarkdownNode]? {
    guard paragraph.endLine > paragraph.startLine, mayHoldDelimiterRow(paragraph.children) else { return nil }
    var lines = paragraphLines(paragraph, source: source, quoteDepth: quoteDepth)
    let underlined = paragraph.kind == .heading && paragraph.headingLevel == 2
    if underlined { lines.removeLast() }
    guard let table = TableSyntax(lines: lines) else { return nil }

    let snippets = ([table.header] + table.rows).flatMap { $0 }
    // Only a cell with a `[` can use a link reference definition.
    let definitions = snippets.contains { $0.utf8.contains(0x5B) } ? source.linkDefinitionLines : []
    guard let parsed = parseInlineSnippets(snippets, definitions: definitions) else { return nil }

    let columns = table.alignments.count
    let headerLine = paragraph.startLine + table.headerIndex
    var rows: [MarkdownNode] = []
    for (rowIndex, _) in ([table.header] + table.rows).enumerated() {
        let line = rowIndex == 0 ? headerLine : headerLine + 1 + rowIndex
        let cells = (0..<columns).map { column in
            MarkdownNode(kind: .tableCell, children: parsed[rowIndex * columns + column], startLine: line, endLine: line)
        }
        rows.append(MarkdownNode(kind: .tableRow, children: cells, startLine: line, endLine: line))
    }
    var blocks: [MarkdownNode] = []
    // The lines before the header, parsed as the paragraph they began (cmark takes link
    // reference definitions off its start, as it did in the document).
    let leading = table.leadingLines.joined(separator: "\n")
    if !leading.isEmpty, let lead = parseCommonMark(leading, source: nil).children.first, lead.kind == .paragraph {
        blocks.append(MarkdownNode(kind: .paragraph, children: lead.children, startLine: paragraph.startLine,
                                   endLine: headerLine - 1, startColumn: paragraph.startColumn))
    }
    let lastLine = underlined ? paragraph.endLine - 1 : paragraph.endLine
    blocks.append(MarkdownNode(kind: .table, children: rows, columnAlignments: table.alignments,
                               startLine: headerLine, endLine: lastLine))
    if underlined {
        blocks.append(MarkdownNode(kind: .thematicBreak, startLine: paragraph.endLine, endLine: paragraph.endLine))
    }
    return blocks
}

/// Whether one of the paragraph's lines, as cmark parsed it, is nothing but `|`, `:`, `-` and
/// spaces: a cheap test that lets almost every paragraph skip the table parser.
private func mayHoldDelimiterRow(_ inlines: [MarkdownNode]) -> Bool {
    func isBreak(_ index: Int) -> Bool {
        index < 0 || index >= inlines.count || inlines[index].kind == .softBreak || inlines[index].kind == .lineBreak
    }
    return inlines.indices.contains { index in
        guard inlines[index].kind == .text, isBreak(index - 1), isBreak(index + 1),
              let literal = inlines[index].literal, literal.utf8.contains(0x2D) else { return false }
        return literal.utf8.allSatisfy { $0 == 0x7C || $0 == 0x3A || $0 == 0x2D || $0 == 0x20 || $0 == 0x09 }
    }
}

/// The source lines of a paragraph without its containers' prefixes: the first line from the
/// paragraph's column, later ones without up to `quoteDepth` `>` markers and indentation (a
/// paragraph's lines are trimmed anyway).
private func paragraphLines(_ paragraph: MarkdownNode, source: SourceLines, quoteDepth: Int) -> [String] {
    (paragraph.startLine...paragraph.endLine).map { number in
        var line = source[number]
        if number == paragraph.startLine {
            line = Substring(line.utf8.dropFirst(max(paragraph.startColumn - 1, 0)))
        } else {
            var quotes = quoteDepth
            while true {
                while let first = line.first, first == " " || first == "\t" { line = line.dropFirst() }
                guard quotes > 0, line.first == ">" else { break }
                line = line.dropFirst()
                quotes -= 1
            }
        }
        return String(line).trimmingSpaces
    }
}

/// Parses each snippet (the text of one cell) as inlines only: each is given to cmark as its own
/// paragraph, opened by an ideographic space (U+3000) so that nothing in it can start a block
/// (`# x`, `1. x`, `> x`) while emphasis at its start still opens as at the start of a line;
/// that space is then removed. The document's link reference definitions go first, so that
/// `[text][ref]` in a cell resolves. Nil if cmark disagrees about the number of paragraphs.
private func parseInlineSnippets(_ snippets: [String], definitions: [Substring]) -> [[MarkdownNode]]? {
    let opener = "\u{3000}"
    let text = (definitions.map(String.init) + snippets.map { opener + $0 }).joined(separator: "\n\n")
    let document = parseCommonMark(text, source: nil)
    // A definition line that is not one after all is a paragraph of its own, before the cells.
    let paragraphs = document.children.suffix(snippets.count)
    guard paragraphs.count == snippets.count, paragraphs.allSatisfy({ $0.kind == .paragraph }) else { return nil }
    return paragraphs.map { paragraph in
        var inlines = paragraph.children
        if let first = inlines.first, first.kind == .text, let literal = first.literal, literal.hasPrefix(opener) {
            let rest = String(literal.dropFirst())
            inlines[0] = MarkdownNode(kind: .text, literal: rest)
            if rest.isEmpty { inlines.removeFirst() }
        }
        return inlines
    }
}
