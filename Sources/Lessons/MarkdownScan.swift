import TerminalMarkdown

/// A fenced code block of a Markdown file (from cmark's tree).
struct FencedBlock {
    var info: String
    var body: String
    /// The opening fence's line (1-based).
    var startLine: Int
    /// The closing fence's line (the last line of the block when the fence is not closed).
    var endLine: Int
}

/// Fenced code blocks of `markdown`, in document order.
func fencedBlocks(in document: MarkdownNode) -> [FencedBlock] {
    document.allNodes.compactMap { node in
        guard node.kind == .codeBlock, let info = node.fenceInfo, !info.isEmpty else { return nil }
        return FencedBlock(info: info, body: node.literal ?? "", startLine: node.startLine, endLine: node.endLine)
    }
}

/// The text of the first heading.
func firstHeading(in document: MarkdownNode) -> String? {
    document.allNodes.first { $0.kind == .heading }.map { $0.plainText.trimmingCharacters(in: .whitespaces) }
}
