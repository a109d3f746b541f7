/// The kind of a CommonMark node, one case per cmark node type.
public enum MarkdownNodeKind: String, Sendable, Equatable, CaseIterable {
    // Blocks
    case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading,
         thematicBreak
    // Inlines
    case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image

    /// True for block-level kinds (document through thematic break).
    public var isBlock: Bool {
        switch self {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock, .paragraph,
             .heading, .thematicBreak:
            return true
        default:
            return false
        }
    }
}

/// Whether a list is bulleted or numbered.
public enum MarkdownListType: String, Sendable, Equatable {
    case bullet, ordered
}

/// The delimiter after an ordered list's number: `1.` or `1)`.
public enum MarkdownListDelimiter: String, Sendable, Equatable {
    case period, paren
}

/// A Swift copy of one node of cmark's tree, with its children. No C pointer escapes into it:
/// the whole tree is copied out and cmark's tree is freed before `parseMarkdown` returns.
public struct MarkdownNode: Sendable, Equatable {
    public let kind: MarkdownNodeKind
    public let children: [MarkdownNode]
    /// The text of `text`, `code`, `htmlInline`, `htmlBlock` and `codeBlock` (its body) nodes.
    public let literal: String?
    /// The info string of a fenced code block, e.g. `"checkpoint relu-by-hand"` or `"swift"`;
    /// nil for other kinds, `""` for a fence without info and for indented code blocks.
    public let fenceInfo: String?
    /// 1...6 for headings.
    public let headingLevel: Int?
    /// The destination of links and images.
    public let url: String?
    /// The title of links and images (`[a](url "title")`), nil when there is none.
    public let title: String?
    /// For lists: bullet or ordered.
    public let listType: MarkdownListType?
    /// For ordered lists: the first number (`3.` starts at 3).
    public let listStart: Int?
    /// For lists: true when items are not separated by blank lines.
    public let listTight: Bool?
    /// For ordered lists: `.` or `)`.
    public let listDelimiter: MarkdownListDelimiter?
    /// Source position, 1-based lines and columns (columns count bytes, as cmark does).
    public let startLine: Int
    public let endLine: Int
    public let startColumn: Int
    public let endColumn: Int

    /// Builds a node by hand (tests, synthetic documents). Prefer `parseMarkdown`.
    public init(kind: MarkdownNodeKind, children: [MarkdownNode] = [], literal: String? = nil,
                fenceInfo: String? = nil, headingLevel: Int? = nil, url: String? = nil,
                title: String? = nil, listType: MarkdownListType? = nil, listStart: Int? = nil,
                listTight: Bool? = nil, listDelimiter: MarkdownListDelimiter? = nil,
                startLine: Int = 0, endLine: Int = 0, startColumn: Int = 0, endColumn: Int = 0) {
        self.kind = kind
        self.children = children
        self.literal = literal
        self.fenceInfo = fenceInfo
        self.headingLevel = headingLevel
        self.url = url
        self.title = title
        self.listType = listType
        self.listStart = listStart
        self.listTight = listTight
        self.listDelimiter = listDelimiter
        self.startLine = startLine
        self.endLine = endLine
        self.startColumn = startColumn
        self.endColumn = endColumn
    }

    /// The concatenated text of this node's inlines (literal of text/code/html, a space for
    /// breaks): a heading's title, a link's text, an image's alt text.
    public var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    private func appendPlainText(to out: inout String) {
        switch kind {
        case .text, .code, .htmlInline:
            out += literal ?? ""
        case .softBreak, .lineBreak:
            out += " "
        default:
            for child in children { child.appendPlainText(to: &out) }
        }
    }

    /// This node and all its descendants, in document order (pre-order).
    public var allNodes: [MarkdownNode] {
        var out: [MarkdownNode] = []
        var stack: [MarkdownNode] = [self]
        while let node = stack.popLast() {
            out.append(node)
            stack.append(contentsOf: node.children.reversed())
        }
        return out
    }

    /// The fenced code blocks whose info string's first word is `word`
    /// (e.g. `"checkpoint"`), in document order.
    public func codeBlocks(withInfoWord word: String) -> [MarkdownNode] {
        allNodes.filter { $0.kind == .codeBlock && $0.infoWords.first == word }
    }

    /// The info string split at whitespace (`["checkpoint", "relu-by-hand"]`); empty if none.
    public var infoWords: [String] {
        (fenceInfo ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}
