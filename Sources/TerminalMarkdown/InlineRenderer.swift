/// Code spans up to this many characters keep their spaces unbreakable.
private let shortCodeSpan = 24
/// A space that the line breaker does not break at (it is still written as " ").
private let nonBreakingSpace: UInt32 = 0xA0

/// Turns a block's inline nodes into styled cells (before line breaking).
struct InlineRenderer {
    let options: RenderOptions
    let theme: Theme

    /// The cells of `nodes`, all with `base` merged into their style.
    func render(_ nodes: [MarkdownNode], base: TextStyle = .plain) -> [Cell] {
        var out: [Cell] = []
        for node in nodes { append(node, style: base, to: &out) }
        return resolveSoftBreaks(out)
    }

    private func append(_ node: MarkdownNode, style: TextStyle, to out: inout [Cell]) {
        switch node.kind {
        case .text:
            out += cells(sanitize(node.literal ?? ""), style: style)
        case .softBreak:
            out.append(Cell(character: Cell.softBreakMarker, width: 0, style: style))
        case .lineBreak:
            out.append(Cell(character: Cell.hardBreakMarker, width: 0, style: style))
        case .code:
            let text = sanitize(node.literal ?? "")
            var code = cells(text, style: options.color ? merged(style, theme.inlineCode) : style)
            // A short code span is not broken at its spaces: `[[0, 2], [3, 0]]` stays whole.
            // Only spaces between other characters, so none can end up trailing a line.
            if code.count <= shortCodeSpan, let first = code.firstIndex(where: { !$0.isSpace }),
               let last = code.lastIndex(where: { !$0.isSpace }) {
                for i in first..<last where code[i].isSpace { code[i].scalar = nonBreakingSpace }
            }
            out += options.color ? code : decoration("`", style, .opening) + code + decoration("`", style, .closing)
        case .htmlInline:
            out += cells(sanitize(node.literal ?? ""), style: merged(style, theme.html))
        case .emphasis:
            var inner = style
            inner.italic = true
            wrapPlain("*", node.children, style: inner, to: &out)
        case .strong:
            var inner = style
            inner.bold = true
            wrapPlain("**", node.children, style: inner, to: &out)
        case .link:
            appendLink(node, style: style, to: &out)
        case .image:
            appendImage(node, style: style, to: &out)
        default:
            // Custom inlines (never produced by the parser) and anything unexpected: children.
            for child in node.children { append(child, style: style, to: &out) }
        }
    }

    /// Emphasis and strong: styled in colour mode, between Markdown markers in plain mode.
    private func wrapPlain(_ marker: String, _ children: [MarkdownNode], style: TextStyle,
                           to out: inout [Cell]) {
        if !options.color { out += decoration(marker, style, .opening) }
        for child in children { append(child, style: style, to: &out) }
        if !options.color { out += decoration(marker, style, .closing) }
    }

    private func appendLink(_ node: MarkdownNode, style: TextStyle, to out: inout [Cell]) {
        let url = node.url ?? ""
        var linkStyle = merged(style, theme.link)
        if options.color && options.hyperlinks && isAbsoluteURL(url) { linkStyle.link = sanitizeURL(url) }
        let start = out.count
        for child in node.children { append(child, style: linkStyle, to: &out) }
        if !options.color, out.count == start { out += cells(url, style: style) }
        // The URL is shown after the text unless the text already is the URL (autolinks).
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
