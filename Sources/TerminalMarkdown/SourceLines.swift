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
    /// most three spaces), for parsing table cells apart from the document.
    var linkDefinitionLines: [Substring] {
        lines.filter { line in
            let text = line.drop { $0 == " " }
            return line.count - text.count <= 3 && text.hasPrefix("[") && text.contains("]:")
        }
    }
}
