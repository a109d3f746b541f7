/// A document's source split into lines as cmark numbers them (`\n`, `\r\n` and `\r` each end a
/// line), so a block's `startLine...endLine` can be looked up.
final class SourceLines {
    private let text: String
    /// Split on first use: most documents have no table, and then no line is ever looked up.
    private lazy var lines: [Substring] = split(text)

    init(_ text: String) {
        self.text = text
    }

    private func split(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.utf8.startIndex
        var index = start
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(Substring(utf8[start..<index]))
                var next = utf8.index(after: index)
                if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                index = next
            } else {
                index = utf8.index(after: index)
            }
        }
        lines.append(Substring(utf8[start..<utf8.endIndex]))
        return lines
    }

    /// Line `number` (1-based), or "" outside the document.
    subscript(number: Int) -> Substring {
        number >= 1 && number <= lines.count ? lines[number - 1] : ""
    }

    /// The lines that look like link reference definitions (`[label]: destination`, indented at
    /// most three spaces), each once, for parsing table cells apart from the document. Found on
    /// first use and kept: every table of a document needs them. A line kept here that is no
    /// definition after all does no harm (cmark, given it, makes a paragraph of it).
    private(set) lazy var linkDefinitionLines: [Substring] = {
        var seen = Set<Substring>()
        return lines.filter { line in
            let bytes = line.utf8
            let text = bytes.drop { $0 == 0x20 }
            guard bytes.count - text.count <= 3, text.first == 0x5B,
                  zip(text, text.dropFirst()).contains(where: { $0 == (0x5D, 0x3A) }) else { return false }
            return seen.insert(line).inserted  // cmark keeps a label's first definition anyway
        }
    }()
}
