import CCmark

/// Parses CommonMark text with libcmark (`CMARK_OPT_SOURCEPOS`, so every node knows its lines)
/// and returns the document as a Swift value tree, with GitHub tables and strikethrough
/// recognised over cmark's tree (see `TableSyntax`, `applyStrikethrough`). cmark's tree is
/// freed, exactly once, before this returns; no C pointer is kept.
public func parseMarkdown(_ text: String) -> MarkdownNode {
    parseCommonMark(text, source: SourceLines(text))
}

/// Parses with cmark and copies the tree; tables are looked for only when `source` is given.
func parseCommonMark(_ text: String, source: SourceLines?) -> MarkdownNode {
    let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
    var utf8 = Array(text.utf8)
    let length = utf8.count
    guard let document = utf8.withUnsafeMutableBufferPointer({ buffer -> OpaquePointer? in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(length, 1)) {
            cmark_parse_document($0, length, options)
        }
    }) else {
        // cmark returns nil only when out of memory; an empty document is a safe answer.
        return MarkdownNode(kind: .document, startLine: 1, endLine: 1)
    }
    defer { cmark_node_free(document) }  // frees the whole tree, once
    return copyTree(document, source: source)
}

/// Copies cmark's tree into Swift values with cmark's iterator (not recursion), so a deeply
/// nested document (thousands of `>`) cannot overflow the stack here.
private func copyTree(_ root: OpaquePointer, source: SourceLines?) -> MarkdownNode {
    guard let iterator = cmark_iter_new(root) else { return MarkdownNode(kind: .document) }
    defer { cmark_iter_free(iterator) }

    // One array of finished children per open container.
    var childStack: [[MarkdownNode]] = []
    var openQuotes = 0
    var result: [MarkdownNode] = []
    func add(_ nodes: [MarkdownNode]) {
        if childStack.isEmpty { result = nodes } else { childStack[childStack.count - 1] += nodes }
    }
    while true {
        let event = cmark_iter_next(iterator)
        if event == CMARK_EVENT_DONE { break }
        guard let node = cmark_iter_get_node(iterator) else { break }
        let kind = nodeKind(node)
        if event == CMARK_EVENT_ENTER {
            if isLeaf(kind) {
                add([copyNode(node, kind: kind, children: [])])
            } else {
                childStack.append([])
                if kind == .blockQuote { openQuotes += 1 }
            }
        } else if event == CMARK_EVENT_EXIT {
            var children = childStack.popLast() ?? []
            if kind == .blockQuote { openQuotes -= 1 }
            if hasInlineChildren(kind) { children = applyStrikethrough(children) }
            let copy = copyNode(node, kind: kind, children: children)
            if kind == .paragraph || kind == .heading, let source,
               let table = tableBlocks(copy, source: source, quoteDepth: openQuotes) {
                add(table)
            } else {
                add([copy])
            }
        }
    }
    return result.first ?? MarkdownNode(kind: .document)
}

private func hasInlineChildren(_ kind: MarkdownNodeKind) -> Bool {
    switch kind {
    case .paragraph, .heading, .emphasis, .strong, .link, .image: return true
    default: return false
    }
}

/// cmark's leaf types get only an ENTER event from the iterator.
private func isLeaf(_ kind: MarkdownNodeKind) -> Bool {
    switch kind {
    case .htmlBlock, .thematicBreak, .codeBlock, .text, .softBreak, .lineBreak, .code, .htmlInline:
        return true
    default:
        return false
    }
}

private func nodeKind(_ node: OpaquePointer) -> MarkdownNodeKind {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_DOCUMENT: return .document
    case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
    case CMARK_NODE_LIST: return .list
    case CMARK_NODE_ITEM: return .item
    case CMARK_NODE_CODE_BLOCK: return .codeBlock
    case CMARK_NODE_HTML_BLOCK: return .htmlBlock
    case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
    case CMARK_NODE_PARAGRAPH: return .paragraph
    case CMARK_NODE_HEADING: return .heading
    case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
    case CMARK_NODE_TEXT: return .text
    case CMARK_NODE_SOFTBREAK: return .softBreak
    case CMARK_NODE_LINEBREAK: return .lineBreak
    case CMARK_NODE_CODE: return .code
    case CMARK_NODE_HTML_INLINE: return .htmlInline
    case CMARK_NODE_CUSTOM_INLINE: return .customInline
    case CMARK_NODE_EMPH: return .emphasis
    case CMARK_NODE_STRONG: return .strong
    case CMARK_NODE_LINK: return .link
    case CMARK_NODE_IMAGE: return .image
    default: return .customBlock
    }
}

private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

private func copyNode(_ node: OpaquePointer, kind: MarkdownNodeKind, children: [MarkdownNode]) -> MarkdownNode {
    var literal: String?
    var fenceInfo: String?
    var headingLevel: Int?
    var url: String?
    var title: String?
    var listType: MarkdownListType?
    var listStart: Int?
    var listTight: Bool?
    var listDelimiter: MarkdownListDelimiter?
    switch kind {
    case .text, .code, .htmlInline, .htmlBlock:
        literal = string(cmark_node_get_literal(node)) ?? ""
    case .codeBlock:
        literal = string(cmark_node_get_literal(node)) ?? ""
        fenceInfo = string(cmark_node_get_fence_info(node)) ?? ""
    case .heading:
        headingLevel = Int(cmark_node_get_heading_level(node))
    case .link, .image:
        url = string(cmark_node_get_url(node)) ?? ""
        let t = string(cmark_node_get_title(node)) ?? ""
        title = t.isEmpty ? nil : t
    case .list:
        if cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
            listType = .ordered
            listStart = Int(cmark_node_get_list_start(node))
            listDelimiter = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? .paren : .period
        } else {
            listType = .bullet
        }
        listTight = cmark_node_get_list_tight(node) != 0
    default:
        break
    }
    return MarkdownNode(
        kind: kind, children: children, literal: literal, fenceInfo: fenceInfo,
        headingLevel: headingLevel, url: url, title: title, listType: listType, listStart: listStart,
        listTight: listTight, listDelimiter: listDelimiter,
        startLine: Int(cmark_node_get_start_line(node)), endLine: Int(cmark_node_get_end_line(node)),
        startColumn: Int(cmark_node_get_start_column(node)), endColumn: Int(cmark_node_get_end_column(node)))
}
