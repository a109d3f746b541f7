// TEMPORARY stand-in for TerminalMarkdown's `parseMarkdown` (owned by the renderer teammate):
// finds fenced code blocks and the first heading with a small CommonMark-style line scanner.
// Replaced by a walk over cmark's tree as soon as `parseMarkdown` lands on main.

/// A fenced code block of a Markdown file.
struct FencedBlock {
    var info: String
    var body: String
    /// The opening fence's line (1-based).
    var startLine: Int
    /// The closing fence's line (the last line of the file when the fence is not closed).
    var endLine: Int
}

/// Fenced code blocks of `markdown`, in order.
func fencedBlocks(in markdown: String) -> [FencedBlock] {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    var blocks: [FencedBlock] = []
    var i = 0
    while i < lines.count {
        guard let (char, length, indent, info) = openingFence(lines[i]) else { i += 1; continue }
        var body: [String] = []
        var j = i + 1
        var closed = false
        while j < lines.count {
            if isClosingFence(lines[j], char: char, length: length) { closed = true; break }
            var l = Substring(lines[j])
            var drop = indent
            while drop > 0, l.first == " " { l = l.dropFirst(); drop -= 1 }
            body.append(String(l))
            j += 1
        }
        blocks.append(FencedBlock(info: info, body: body.joined(separator: "\n") + (body.isEmpty ? "" : "\n"),
                                  startLine: i + 1, endLine: closed ? j + 1 : lines.count))
        i = j + 1
    }
    return blocks
}

/// The text of the first ATX heading outside code blocks.
func firstHeading(in markdown: String) -> String? {
    let fences = fencedBlocks(in: markdown)
    for (n, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if fences.contains(where: { $0.startLine <= n + 1 && n + 1 <= $0.endLine }) { continue }
        let t = line.drop(while: { $0 == " " })
        guard t.hasPrefix("#") else { continue }
        let hashes = t.prefix(while: { $0 == "#" }).count
        guard hashes <= 6 else { continue }
        let rest = t.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { continue }
        var text = rest.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }
    return nil
}

private func openingFence(_ line: String) -> (Character, Int, Int, String)? {
    let indent = line.prefix(while: { $0 == " " }).count
    guard indent <= 3 else { return nil }
    let rest = line.dropFirst(indent)
    guard let c = rest.first, c == "`" || c == "~" else { return nil }
    let n = rest.prefix(while: { $0 == c }).count
    guard n >= 3 else { return nil }
    let info = rest.dropFirst(n).trimmingCharacters(in: .whitespaces)
    if c == "`" && info.contains("`") { return nil }
    return (c, n, indent, info)
}

private func isClosingFence(_ line: String, char: Character, length: Int) -> Bool {
    let indent = line.prefix(while: { $0 == " " }).count
    guard indent <= 3 else { return false }
    let rest = line.dropFirst(indent)
    let n = rest.prefix(while: { $0 == char }).count
    return n >= length && rest.dropFirst(n).allSatisfy { $0 == " " || $0 == "\t" }
}
