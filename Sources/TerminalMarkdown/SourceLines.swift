/// A document's source split into lines as cmark numbers them (`\n`, `\r\n` and `\r` each end a
/// line), so a block's `startLine...endLine` can be looked up.
struct SourceLines {
    private let lines: [Substring]

    init(_ text: String) {
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
        self.lines = lines
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
