/// How to render: the line width in columns, whether to use ANSI colour and styles, and whether
/// links become OSC 8 hyperlinks (only with colour, and only meant for a TTY).
public struct RenderOptions: Sendable, Equatable {
    public var width: Int
    public var color: Bool
    public var hyperlinks: Bool

    public init(width: Int = 80, color: Bool = false, hyperlinks: Bool = false) {
        self.width = width
        self.color = color
        self.hyperlinks = hyperlinks
    }
}

/// Renders a CommonMark document as terminal lines: styled with the 16 basic ANSI colours when
/// `color` is on, plain but still structured (rules under headings, bullets, quote bars,
/// indented code, tables; no Markdown markers) when it is off, wrapped to `width` by display
/// width, with no trailing padding.
public struct TerminalRenderer {
    public let options: RenderOptions
    let theme = Theme()

    public init(options: RenderOptions) {
        self.options = options
    }

    /// A caller's drawing of a fenced code block: given its info string and body, the lines to
    /// show instead, or nil to render the block normally.
    public typealias CustomBlock = (_ info: String, _ body: String) -> [String]?

    /// Renders a parsed document into lines (without newlines).
    /// `customBlock` lets a caller draw fenced blocks itself (the tutor's checkpoint panels): it is
    /// asked about every code block; return lines to use them, nil to render the block normally.
    /// Lines it returns are used as they are (indented inside lists and quotes).
    public func render(_ document: MarkdownNode, customBlock: CustomBlock? = nil) -> [String] {
        var context = BlockContext(width: max(options.width, 1), depth: 0, listDepth: 0, tight: false)
        context.customBlock = customBlock
        return renderBlocks(document.kind == .document ? document.children : [document], context)
    }

    /// Like `render(_:customBlock:)`, but the hook is also told the width it may use (less than
    /// `options.width` inside lists and quotes).
    public func render(_ document: MarkdownNode,
                       customBlockInWidth: @escaping (_ info: String, _ body: String, _ width: Int) -> [String]?) -> [String] {
        var context = BlockContext(width: max(options.width, 1), depth: 0, listDepth: 0, tight: false)
        context.customBlockInWidth = customBlockInWidth
        return renderBlocks(document.kind == .document ? document.children : [document], context)
    }

    /// Parses and renders Markdown text; the lines joined, each ending in a newline.
    public func render(markdown: String) -> String {
        let lines = render(parseMarkdown(markdown))
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Blocks

    struct BlockContext {
        var width: Int
        var depth: Int
        var listDepth: Int
        var tight: Bool
        var customBlock: CustomBlock?
        var customBlockInWidth: ((String, String, Int) -> [String]?)?
    }

    /// Containers nested deeper than this are flattened to text, so hostile input cannot
    /// exhaust the stack or squeeze the text to nothing.
    private let maximumDepth = 48

    private var inline: InlineRenderer { InlineRenderer(options: options, theme: theme) }

    private func renderBlocks(_ nodes: [MarkdownNode], _ context: BlockContext) -> [String] {
        var out: [String] = []
        for node in nodes {
            let lines = renderBlock(node, context)
            if lines.isEmpty { continue }
            if !out.isEmpty && !context.tight { out.append("") }
            out += lines
        }
        return out
    }

    private func renderBlock(_ node: MarkdownNode, _ context: BlockContext) -> [String] {
        if context.depth > maximumDepth {
            return wrap(cells(sanitize(flattenedText(node)), style: .plain), width: context.width)
        }
        switch node.kind {
        case .paragraph:
            return wrap(inline.render(node.children), width: context.width)
        case .heading:
            return renderHeading(node, context)
        case .codeBlock:
            return renderCodeBlock(node, context)
        case .htmlBlock:
            return renderHTMLBlock(node, context)
        case .thematicBreak:
            return [emit(Array(repeating: Cell(character: "─", width: 1, style: theme.rule), count: context.width))]
        case .blockQuote:
            return renderBlockQuote(node, context)
        case .list:
            return renderList(node, context)
        case .table:
            return TableLayout(renderer: inline, theme: theme, color: options.color)
                .render(node, width: context.width).map(emit)
        case .tableRow:
            // Outside a table only in hand-built trees: a table of this one row.
            return renderBlock(MarkdownNode(kind: .table, children: [node]), context)
        case .tableCell:
            return wrap(inline.render(node.children), width: context.width)
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .emphasis, .strong, .link, .image,
             .customInline, .strikethrough:
            // An inline where a block belongs (only in hand-built trees): treat as a paragraph.
            return wrap(inline.render([node]), width: context.width)
        default:
            // document, item or custom block: their children.
            var inner = context
            inner.depth += 1
            return renderBlocks(node.children, inner)
        }
    }

    private func renderHeading(_ node: MarkdownNode, _ context: BlockContext) -> [String] {
        let level = min(max(node.headingLevel ?? 1, 1), 6)
        let style = options.color ? theme.heading(level) : TextStyle.plain
        let text = inline.render(node.children, base: style)
        // Colour marks levels 3-6 with #s (1 and 2 have rules); plain text has rules only.
        let marker = options.color && level >= 3 ? String(repeating: "#", count: level) + " " : ""
        let markerCells = cells(marker, style: theme.headingMarker)
        let markerWidth = marker.count
        var lines: [[Cell]]
        if markerWidth > 0 && context.width - markerWidth >= 8 {
            lines = breakLines(text, width: context.width - markerWidth)
            let hang = cells(String(repeating: " ", count: markerWidth), style: .plain)
            lines = lines.enumerated().map { ($0.offset == 0 ? markerCells : hang) + $0.element }
        } else {
            lines = breakLines(markerCells + text, width: context.width)
        }
        lines = lines.map(trimTrailingSpaces)
        var out = lines.map(emit)
        if let rule = theme.headingRule(level, color: options.color) {
            let ruleWidth = min(context.width, lines.map { $0.reduce(0) { $0 + $1.width } }.max() ?? 0)
            var ruleStyle = TextStyle.plain
            ruleStyle.color = style.color
            out.append(emit(Array(repeating: Cell(character: rule, width: 1, style: ruleStyle), count: max(ruleWidth, 1))))
        }
        return out
    }

    private func renderCodeBlock(_ node: MarkdownNode, _ context: BlockContext) -> [String] {
        let info = node.fenceInfo ?? ""
        let body = node.literal ?? ""
        if let custom = context.customBlock, let lines = custom(info, body) { return lines }
        if let custom = context.customBlockInWidth, let lines = custom(info, body, context.width) { return lines }

        var sourceLines = splitLines(body).map { expandTabs(sanitize($0, keepTabsAndNewlines: true)) }
        if sourceLines.last == "" { sourceLines.removeLast() }
        let language = info.split(separator: " ").first.map(String.init) ?? ""
        let highlighter = options.color ? SyntaxHighlighter.language(forInfo: language) : nil
        let indent = context.width >= 60 ? 4 : 2  // narrow terminals keep more of each code line
        let available = max(context.width - indent, 2)
        var out: [String] = []
        if !language.isEmpty {
            let label = String(repeating: " ", count: indent - 2) + "── " + sanitize(language) + " ──"
            out.append(emit(clip(cells(label, style: theme.codeLabel), width: context.width)))
        }
        let padText = String(repeating: " ", count: indent)
        let pad = cells(padText, style: .plain)
        if let highlighter {
            let styled = SyntaxHighlighter(language: highlighter, theme: theme).highlight(sourceLines)
            for line in styled {
                let trimmed = trimTrailingSpaces(line)
                out.append(trimmed.isEmpty ? "" : emit(pad + clip(trimmed, width: available)))
            }
            return out
        }
        for line in sourceLines {
            let trimmed = line.trimmingTrailingSpaces
            if trimmed.isEmpty {
                out.append("")
            } else if displayWidth(trimmed) <= available {
                out.append(padText + trimmed)  // unstyled and fits: no need for cells
            } else if isPrintableASCII(trimmed) {
                // Unstyled ASCII: clip by bytes.
                let kept = String(decoding: trimmed.utf8.prefix(max(available - 1, 0)), as: UTF8.self)
                out.append(padText + kept + emit([Cell(character: "…", width: 1, style: theme.codeClipMarker)]))
            } else {
                out.append(emit(pad + clip(cells(trimmed, style: .plain), width: available)))
            }
        }
        return out
    }

    /// A code line wider than the block is cut, with a visible marker, rather than wrapped.
    private func clip(_ line: [Cell], width: Int) -> [Cell] {
        let total = line.reduce(0) { $0 + $1.width }
        guard total > width else { return line }
        var kept: [Cell] = []
        var used = 0
        for cell in line {
            if used + cell.width > width - 1 { break }
            kept.append(cell)
            used += cell.width
        }
        return kept + [Cell(character: "…", width: 1, style: theme.codeClipMarker)]
    }

    private func renderHTMLBlock(_ node: MarkdownNode, _ context: BlockContext) -> [String] {
        var lines = splitLines(node.literal ?? "")
        while lines.last == "" { lines.removeLast() }
        var out: [String] = []
        for line in lines {
            let text = trimTrailingSpaces(cells(expandTabs(sanitize(line, keepTabsAndNewlines: true)), style: theme.html))
            if text.reduce(0, { $0 + $1.width }) <= context.width {
                out.append(emit(text))
                continue
            }
            // Too wide: wrap, keeping the line's own indentation on its continuation lines.
            let lead = min(text.prefix { $0.isSpace }.count, context.width / 2)
            let indent = Array(text.prefix(lead))
            out += breakLines(Array(text.dropFirst(lead)), width: context.width - lead).map { emit(indent + $0) }
        }
        return out
    }

    private func renderBlockQuote(_ node: MarkdownNode, _ context: BlockContext) -> [String] {
        let bar = cells(theme.quoteGlyph + " ", style: theme.quoteBar)
        var inner = context
        inner.depth += 1
        inner.tight = false
        guard let innerWidth = roomInside(context, prefixWidth: 2) else {
            return renderBlocks(node.children, inner)
        }
        inner.width = innerWidth
        return prefix(renderBlocks(node.children, inner), first: bar, rest: bar)
    }

    private func renderList(_ node: MarkdownNode, _ context: BlockContext) -> [String] {
        let ordered = node.listType == .ordered
        let start = node.listStart ?? 1
        let delimiter = node.listDelimiter == .paren ? ")" : "."
        let bullet = String(theme.bullets[context.listDepth % theme.bullets.count])
        let markers = node.children.indices.map { ordered ? "\(start + $0)" + delimiter : bullet }
        let markerWidth = markers.map(displayWidth).max() ?? 1
        let tight = node.listTight ?? true
        var inner = context
        inner.depth += 1
        inner.listDepth += 1
        inner.tight = tight
        let room = roomInside(context, prefixWidth: markerWidth + 1)
        inner.width = room ?? context.width

        var out: [String] = []
        for (index, item) in node.children.enumerated() {
            var lines = renderBlocks(item.children, inner)
            if lines.isEmpty { lines = [""] }
            if !out.isEmpty && !tight { out.append("") }
            guard room != nil else { out += lines; continue }
            let padded = String(repeating: " ", count: markerWidth - displayWidth(markers[index])) + markers[index] + " "
            let marker = cells(padded, style: options.color ? theme.listMarker : .plain)
            let hang = cells(String(repeating: " ", count: markerWidth + 1), style: .plain)
            out += prefix(lines, first: marker, rest: hang)
        }
        return out
    }

    // MARK: - Helpers

    /// The width left inside a prefix, or nil when too little would be left to read (then the
    /// prefix is dropped and the content keeps the outer width).
    private func roomInside(_ context: BlockContext, prefixWidth: Int) -> Int? {
        let room = context.width - prefixWidth
        return room >= min(12, context.width) ? room : nil
    }

    /// Prepends a prefix to each rendered line; on an empty line the prefix's trailing spaces
    /// are dropped so no line carries trailing padding.
    private func prefix(_ lines: [String], first: [Cell], rest: [Cell]) -> [String] {
        let firstText = emit(first)
        let restText = emit(rest)
        let firstBare = emit(trimTrailingSpaces(first))
        let restBare = emit(trimTrailingSpaces(rest))
        return lines.enumerated().map { index, line in
            let isFirst = index == 0
            if line.isEmpty { return isFirst ? firstBare : restBare }
            return (isFirst ? firstText : restText) + line
        }
    }

    private func wrap(_ text: [Cell], width: Int) -> [String] {
        breakLines(text, width: width).map(emit)
    }

    private func emit(_ line: [Cell]) -> String {
        emitLine(line, color: options.color)
    }

    /// The text of a node and its descendants without recursion (for over-deep nesting).
    private func flattenedText(_ node: MarkdownNode) -> String {
        var out = ""
        for descendant in node.allNodes {
            switch descendant.kind {
            case .text, .code, .htmlInline, .codeBlock, .htmlBlock:
                out += descendant.literal ?? ""
            case .softBreak, .lineBreak, .paragraph, .heading, .tableRow, .tableCell:
                if !out.isEmpty && out.last != " " { out += " " }
            default:
                break
            }
        }
        return out
    }
}

func trimTrailingSpaces(_ line: [Cell]) -> [Cell] {
    var line = line
    while let last = line.last, last.isSpace { line.removeLast() }
    return line
}

/// Expands tabs to the next multiple of four columns.
func expandTabs(_ line: String) -> String {
    guard line.utf8.contains(0x09) else { return line }
    var out = ""
    var column = 0
    for character in line {
        if character == "\t" {
            let spaces = 4 - column % 4
            out += String(repeating: " ", count: spaces)
            column += spaces
        } else {
            out.append(character)
            column += characterWidth(character)
        }
    }
    return out
}

/// Splits text at "\n" (by bytes: much faster than splitting Characters), keeping empty lines.
func splitLines(_ text: String) -> [String] {
    text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
}
