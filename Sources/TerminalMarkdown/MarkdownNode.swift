/// The kind of a Markdown node: one case per cmark node type, plus the GitHub extensions
/// (tables and strikethrough) recognised over cmark's tree.
public enum MarkdownNodeKind: String, Sendable, Equatable, CaseIterable {
    // Blocks
    case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading,
         thematicBreak
    /// A GitHub table: its children are rows, the first one the header row.
    case table
    /// A row of a table: its children are cells.
    case tableRow
    /// A cell of a table row: its children are inlines.
    case tableCell
    // Inlines
    case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
    /// GitHub strikethrough (`~~deleted~~`): its children are inlines.
    case strikethrough

    /// True for block-level kinds (document through thematic break, and tables).
    public var isBlock: Bool {
        switch self {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock, .paragraph,
             .heading, .thematicBreak, .table, .tableRow, .tableCell:
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

/// How a table column is aligned, from its delimiter cell: `---`, `:--`, `:-:`, `--:`.
public enum MarkdownColumnAlignment: String, Sendable, Equatable {
    case none, left, center, right
}

/// A Swift copy of one node of cmark's tree, with its children. No C pointer escapes into it:
/// the whole tree is copied out and cmark's tree is freed before `parseMarkdown` returns.
///
/// Nothing done to a tree recurses on its depth (copying, comparing, `plainText`, `allNodes`,
/// and freeing it), so a hostile document nested 100,000 levels deep is safe.
public struct MarkdownNode: Sendable, Equatable {
    public let kind: MarkdownNodeKind
    fileprivate var storage: ChildStorage
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
    /// For tables: one alignment per column (every row has this many cells).
    public let columnAlignments: [MarkdownColumnAlignment]?
    /// Source position, 1-based lines and columns (columns count bytes, as cmark does).
    public let startLine: Int
    public let endLine: Int
    public let startColumn: Int
    public let endColumn: Int

    /// The node's children, in document order.
    public var children: [MarkdownNode] { storage.nodes }

    /// Builds a node by hand (tests, synthetic documents). Prefer `parseMarkdown`.
    public init(kind: MarkdownNodeKind, children: [MarkdownNode] = [], literal: String? = nil,
                fenceInfo: String? = nil, headingLevel: Int? = nil, url: String? = nil,
                title: String? = nil, listType: MarkdownListType? = nil, listStart: Int? = nil,
                listTight: Bool? = nil, listDelimiter: MarkdownListDelimiter? = nil,
                columnAlignments: [MarkdownColumnAlignment]? = nil,
                startLine: Int = 0, endLine: Int = 0, startColumn: Int = 0, endColumn: Int = 0) {
        self.kind = kind
        self.storage = children.isEmpty ? ChildStorage.none : ChildStorage(children)
        self.literal = literal
        self.fenceInfo = fenceInfo
        self.headingLevel = headingLevel
        self.url = url
        self.title = title
        self.listType = listType
        self.listStart = listStart
        self.listTight = listTight
        self.listDelimiter = listDelimiter
        self.columnAlignments = columnAlignments
        self.startLine = startLine
        self.endLine = endLine
        self.startColumn = startColumn
        self.endColumn = endColumn
    }

    /// The same node with other children (positions and data kept).
    func replacingChildren(_ children: [MarkdownNode]) -> MarkdownNode {
        MarkdownNode(kind: kind, children: children, literal: literal, fenceInfo: fenceInfo,
                     headingLevel: headingLevel, url: url, title: title, listType: listType,
                     listStart: listStart, listTight: listTight, listDelimiter: listDelimiter,
                     columnAlignments: columnAlignments, startLine: startLine, endLine: endLine,
                     startColumn: startColumn, endColumn: endColumn)
    }

    /// The concatenated text of this node's inlines (literal of text/code/html, a space for
    /// breaks): a heading's title, a link's text, an image's alt text.
    public var plainText: String {
        var out = ""
        var stack: [MarkdownNode] = [self]
        while let node = stack.popLast() {
            switch node.kind {
            case .text, .code, .htmlInline:
                out += node.literal ?? ""
            case .softBreak, .lineBreak:
                out += " "
            default:
                stack.append(contentsOf: node.children.reversed())
            }
        }
        return out
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

    /// Whole trees are equal when every node's data and children are, compared without recursion.
    public static func == (lhs: MarkdownNode, rhs: MarkdownNode) -> Bool {
        var pairs: [(MarkdownNode, MarkdownNode)] = [(lhs, rhs)]
        while let (a, b) = pairs.popLast() {
            guard a.hasSameData(as: b) else { return false }
            if a.storage === b.storage { continue }
            let (left, right) = (a.children, b.children)
            guard left.count == right.count else { return false }
            pairs.append(contentsOf: zip(left, right))
        }
        return true
    }

    private func hasSameData(as other: MarkdownNode) -> Bool {
        kind == other.kind && literal == other.literal && fenceInfo == other.fenceInfo
            && headingLevel == other.headingLevel && url == other.url && title == other.title
            && listType == other.listType && listStart == other.listStart
            && listTight == other.listTight && listDelimiter == other.listDelimiter
            && columnAlignments == other.columnAlignments
            && startLine == other.startLine && endLine == other.endLine
            && startColumn == other.startColumn && endColumn == other.endColumn
    }
}

extension MarkdownNode: CustomStringConvertible {
    /// One line about this node alone (printing a whole tree would recurse on its depth).
    public var description: String {
        let text = literal.map { " " + String($0.prefix(40)).debugDescription } ?? ""
        return "\(kind)\(text), \(children.count) children, lines \(startLine)-\(endLine)"
    }
}

/// A node's children, in a class so that freeing a tree can be done with a loop: Swift would
/// otherwise release nested arrays recursively, one stack frame per level, and a deep enough
/// document (50,000 `>`) overflows the stack when its tree is dropped.
private final class ChildStorage: @unchecked Sendable {
    // Written only by `init`, and emptied while the tree is freed (when uniquely referenced).
    var nodes: [MarkdownNode]

    static let none = ChildStorage([])

    init(_ nodes: [MarkdownNode]) {
        self.nodes = nodes
    }

    deinit {
        guard !nodes.isEmpty else { return }
        var pending = nodes
        nodes = []
        // Take the children of every node this storage alone keeps alive before it is released,
        // so each release frees at most one level.
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node.storage) {
                pending.append(contentsOf: node.storage.nodes)
                node.storage.nodes = []
            }
        }
    }
}
