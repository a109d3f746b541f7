/// A space that the line breaker does not break at (it is still written as " ").
let nonBreakingSpace: UInt32 = 0xA0

/// Turns a block's inline nodes into styled cells (before line breaking).
///
/// Colour mode shows emphasis, strong, code and strikethrough with SGR styles. Plain mode (no
/// escape bytes: a pipe, `NO_COLOR`, `--color never`) shows their text without Markdown
/// markers, except `~~` around deleted text, whose meaning would otherwise be lost.
/// A code span is never broken across lines unless it is wider than the line (then at its
/// spaces first). Nested inlines are walked with an explicit stack, not recursion.
struct InlineRenderer {
    let options: RenderOptions
    let theme: Theme

    private enum Work {
        case node(MarkdownNode, TextStyle)
        case closingMarker(String, TextStyle)
        case linkEnd(MarkdownNode, TextStyle, linkStyle: TextStyle, start: Int)
    }

    /// The cells of `nodes`, all with `base` merged into their style.
    func render(_ nodes: [MarkdownNode], base: TextStyle = .plain) -> [Cell] {
        var out: [Cell] = []
        var work: [Work] = nodes.reversed().map { .node($0, base) }
        while let item = work.popLast() {
            switch item {
            case .node(let node, let style):
                append(node, style: style, to: &out, work: &work)
            case .closingMarker(let marker, let style):
                out += decoration(marker, style, .closing)
            case .linkEnd(let node, let style, let linkStyle, let start):
                finishLink(node, style: style, linkStyle: linkStyle, start: start, to: &out)
            }
        }
        return resolveSoftBreaks(out)
    }

    private func append(_ node: MarkdownNode, style: TextStyle, to out: inout [Cell], work: inout [Work]) {
        func children(_ style: TextStyle) {
            work.append(contentsOf: node.children.reversed().map { .node($0, style) })
        }
        switch node.kind {
        case .text:
            out += cells(sanitize(node.literal ?? ""), style: style)
        case .softBreak:
            out.append(Cell(character: Cell.softBreakMarker, width: 0, style: style))
        case .lineBreak:
            out.append(Cell(character: Cell.hardBreakMarker, width: 0, style: style))
        case .code:
            out += codeSpan(node.literal ?? "", style: options.color ? merged(style, theme.inlineCode) : style)
        case .htmlInline:
            out += cells(sanitize(node.literal ?? ""), style: merged(style, theme.html))
        case .emphasis:
            var inner = style
            inner.italic = true
            children(inner)
        case .strong:
            var inner = style
            inner.bold = true
            children(inner)
        case .strikethrough:
            var inner = style
            inner.strikethrough = true
            if !options.color {
                out += decoration("~~", inner, .opening)
                work.append(.closingMarker("~~", inner))
            }
            children(inner)
        case .link:
            let url = node.url ?? ""
            var linkStyle = merged(style, theme.link)
            if options.color && options.hyperlinks && isAbsoluteURL(url) { linkStyle.link = sanitizeURL(url) }
            work.append(.linkEnd(node, style, linkStyle: linkStyle, start: out.count))
            children(linkStyle)
        case .image:
            appendImage(node, style: style, to: &out)
        default:
            // Custom inlines (never produced by the parser) and anything unexpected: children.
            children(style)
        }
    }

    /// A code span's cells: glued together (no line break inside), with its inner spaces made
    /// no-break spaces, which the line breaker gives up only for a span wider than the line.
    private func codeSpan(_ literal: String, style: TextStyle) -> [Cell] {
        var code = cells(sanitize(literal), style: style)
        if let first = code.firstIndex(where: { !$0.isSpace }), let last = code.lastIndex(where: { !$0.isSpace }) {
            for i in first..<last where code[i].isSpace { code[i].scalar = nonBreakingSpace }
            for i in (first + 1)..<(last + 1) { code[i].gluedToPrevious = true }
        }
        return code
    }

    /// After a link's text: in plain mode the URL when there was no text, then the URL in
    /// parentheses unless the text already is the URL (autolinks).
    private func finishLink(_ node: MarkdownNode, style: TextStyle, linkStyle: TextStyle, start: Int,
                            to out: inout [Cell]) {
        let url = node.url ?? ""
        if !options.color, out.count == start { out += cells(sanitize(url), style: style) }
        let text = node.plainText
        if !url.isEmpty, text != url, "mailto:" + text != url {
            var urlStyle = merged(style, theme.url)
            urlStyle.link = linkStyle.link
            out.append(Cell(character: " ", width: 1, style: style))
            out += cells("(" + sanitize(url) + ")", style: urlStyle)
        }
    }

    private func appendImage(_ node: MarkdownNode, style: TextStyle, to out: inout [Cell]) {
        let imageStyle = merged(style, theme.image)
        let alt = sanitize(node.plainText)
        out += cells("[image: " + (alt.isEmpty ? "untitled" : alt) + "]", style: imageStyle)
        if let url = node.url, !url.isEmpty {
            var urlStyle = merged(style, theme.url)
            if options.color && options.hyperlinks && isAbsoluteURL(url) { urlStyle.link = sanitizeURL(url) }
            out.append(Cell(character: " ", width: 1, style: style))
            out += cells("(" + sanitize(url) + ")", style: urlStyle)
        }
    }

    private func decoration(_ text: String, _ style: TextStyle, _ side: Cell.Decoration) -> [Cell] {
        cells(text, style: style).map { var cell = $0; cell.decoration = side; return cell }
    }

    /// A soft break between two wide (CJK) characters, or next to full-width punctuation,
    /// disappears; anywhere else it is a space.
    private func resolveSoftBreaks(_ input: [Cell]) -> [Cell] {
        guard input.contains(where: { $0.isSoftBreak }) else { return input }
        var out: [Cell] = []
        out.reserveCapacity(input.count)
        for (i, cell) in input.enumerated() {
            guard cell.isSoftBreak else { out.append(cell); continue }
            let before = out.last { !$0.isDecoration }
            let after = input[(i + 1)...].first { !$0.isSoftBreak && !$0.isDecoration }
            if let before, let after {
                if before.width == 2 && after.width == 2 { continue }
                // Full-width punctuation carries its own spacing: "。\nEnglish", "ReLU\n（…".
                if before.width == 2 && isClosingPunctuation(before.scalar) { continue }
                if after.width == 2 && isOpeningPunctuation(after.scalar) { continue }
            }
            out.append(Cell(character: " ", width: 1, style: cell.style))
        }
        return out
    }
}

/// `extra` laid over `base`: colour replaced when `extra` has one, attributes added.
func merged(_ base: TextStyle, _ extra: TextStyle) -> TextStyle {
    var style = base
    if let color = extra.color { style.color = color }
    style.bold = style.bold || extra.bold
    style.dim = style.dim || extra.dim
    style.italic = style.italic || extra.italic
    style.underline = style.underline || extra.underline
    style.strikethrough = style.strikethrough || extra.strikethrough
    if let link = extra.link { style.link = link }
    return style
}

/// Only absolute URLs (`https://…`, `mailto:…`) become OSC 8 hyperlinks: a terminal cannot
/// resolve a relative path like `img/mlp.svg`.
func isAbsoluteURL(_ url: String) -> Bool {
    guard let colon = url.firstIndex(of: ":"), colon != url.startIndex else { return false }
    let scheme = url[..<colon]
    return scheme.first!.isASCII && scheme.first!.isLetter
        && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
}
