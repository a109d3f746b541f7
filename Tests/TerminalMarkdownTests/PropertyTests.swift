import Testing
@testable import TerminalMarkdown

/// SplitMix64: a small seeded generator, so every failure can be reproduced from its seed.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates random CommonMark documents mixing English, Chinese, emoji, combining marks,
/// ambiguous-width symbols, very long words and hostile control characters, in every kind of block.
private struct DocumentGenerator {
    var rng: SplitMix

    static let english = ["the", "hidden", "layer", "multilayer", "perceptron", "ReLU", "softmax",
                          "weights,", "bias.", "(affine)", "gradient;", "x²", "naïve", "e\u{301}te\u{301}"]
    static let chinese = ["多层感知机", "激活函数", "，", "。", "（隐藏层）", "「要点」", "；", "？", "！",
                          "修正线性单元", "《书》", "、", "：", "Ｆｕｌｌ"]
    static let odd = ["😀", "👩‍👩‍👧", "🇨🇳", "±", "…", "“quoted”", "\u{1B}[31m", "\u{07}", "\u{9B}2J",
                      "\u{7F}", "\t", "\u{1B}]8;;http://evil\u{07}", "\u{2028}", "한국어"]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    mutating func word() -> String {
        switch int(0...9) {
        case 0...3: return pick(Self.english)
        case 4...6: return pick(Self.chinese)
        case 7: return pick(Self.odd)
        case 8: return "https://example.com/" + String(repeating: pick(["abc/", "路径/", "x"]), count: int(5...40))
        default: return String(repeating: pick(["a", "中", "-"]), count: int(1...90))
        }
    }

    mutating func inline() -> String {
        let w = word()
        switch int(0...14) {
        case 0: return "*\(w)*"
        case 1: return "**\(w)**"
        case 2: return pick(["`\(w)`", "`\(w) \(word())`", "` \(w) `", "`\(w) `"])
        case 3: return "[\(w)](https://d2l.ai/\(pick(["a", "中", "\u{1B}x", "b c"])) \"t\")"
        case 4: return "![\(w)](img/\(w).png)"
        case 5: return "<span class=\"x\">\(w)</span>"
        case 6: return w + "\\\n"
        case 7: return w + "\n"
        case 8: return "0<foo or foo>10"
        case 9: return "~~\(w)~~"
        default: return w
        }
    }

    mutating func paragraph() -> String {
        (0..<int(1...25)).map { _ in inline() }.joined(separator: pick([" ", "", " "]))
    }

    mutating func block(depth: Int) -> String {
        let kinds = depth >= 4 ? 5 : 9
        switch int(0...kinds) {
        case 0: return String(repeating: "#", count: int(1...6)) + " " + paragraph().replacingOccurrences(of: "\n", with: " ")
        case 1:
            let lines = (0..<int(1...6)).map { _ in (0..<int(0...12)).map { _ in word() }.joined(separator: " ") }
            return "```" + pick(["swift", "python", "", "text", "checkpoint x"]) + "\n" + lines.joined(separator: "\n") + "\n```"
        case 2: return "    " + paragraph().replacingOccurrences(of: "\n", with: " ")
        case 3: return pick(["---", "***", "___"])
        case 4: return "<div>\n" + paragraph().replacingOccurrences(of: "\n", with: " ") + "\n</div>"
        case 5: return chance(0.3) ? table() : paragraph()
        case 6, 7:
            let inner = document(blocks: int(1...3), depth: depth + 1)
            return inner.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        default:
            let ordered = chance(0.5)
            let start = int(0...120)
            let loose = chance(0.3)
            return (0..<int(1...4)).map { index in
                let marker = ordered ? "\(start + index)." : pick(["-", "*", "+"])
                let pad = String(repeating: " ", count: marker.count + 1)
                let body = document(blocks: int(1...2), depth: depth + 1)
                return marker + " " + body.split(separator: "\n", omittingEmptySubsequences: false)
                    .enumerated().map { $0.offset == 0 ? String($0.element) : pad + $0.element }.joined(separator: "\n")
            }.joined(separator: loose ? "\n\n" : "\n")
        }
    }

    /// A GitHub table of 1-6 columns and 0-5 body rows, with every alignment.
    mutating func table() -> String {
        let columns = int(1...6)
        func row() -> String {
            "| " + (0..<columns).map { _ in
                (0..<int(0...4)).map { _ in inline() }.joined(separator: " ")
                    .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\\", with: "")
            }.joined(separator: " | ") + " |"
        }
        let delimiter = "|" + (0..<columns).map { _ in pick(["---", ":--", ":-:", "--:"]) }.joined(separator: "|") + "|"
        return ([row(), delimiter] + (0..<int(0...5)).map { _ in row() }).joined(separator: "\n")
    }

    mutating func document(blocks: Int, depth: Int = 0) -> String {
        (0..<blocks).map { _ in block(depth: depth) }.joined(separator: "\n\n")
    }
}

@Suite struct PropertyTests {
    /// Over many generated documents and widths: no rendered line is wider than the width (by
    /// display width; code blocks are clipped, so this holds for them too), no plain line ends
    /// in a space, and nothing contains a control byte the renderer did not write itself.
    @Test(arguments: 0..<8)
    func renderedLinesFitAndCarryNoForeignControlBytes(_ shard: Int) {
        var generator = DocumentGenerator(rng: SplitMix(state: 0x5EED_0000 + UInt64(shard)))
        for documentIndex in 0..<30 {
            let markdown = generator.document(blocks: generator.int(1...8))
            let width = generator.int(10...120)
            let parsed = parseMarkdown(markdown)
            let where_ = "shard \(shard) document \(documentIndex) width \(width)"
            for color in [false, true] {
                let options = RenderOptions(width: width, color: color, hyperlinks: color)
                let lines = TerminalRenderer(options: options).render(parsed)
                for line in lines {
                    #expect(!line.contains("\n"), "\(where_): newline inside a line")
                    let tooWide = displayWidth(line) > width
                    #expect(!tooWide, "\(where_): \(displayWidth(line)) columns: \(line)")
                    let foreign = stripRendererEscapes(line).unicodeScalars.first {
                        $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                    }
                    #expect(foreign == nil, "\(where_): control U+\(String(foreign?.value ?? 0, radix: 16)) in \(line.debugDescription)")
                    #expect(!stripRendererEscapes(line).hasSuffix(" "), "\(where_): trailing space in \(line.debugDescription)")
                    if tooWide || foreign != nil { return }
                }
            }
        }
    }

    /// Generated tables at every width from 10 to 100: no line wider than the width, no
    /// trailing space, and every character of every cell shown: exactly once in a grid (the
    /// layout moves text, it never drops or repeats it); in records the header repeats.
    @Test(arguments: 0..<4)
    func tablesKeepAllTheirTextAtEveryWidth(_ shard: Int) {
        var generator = DocumentGenerator(rng: SplitMix(state: 0x7AB1_E000 + UInt64(shard)))
        for tableIndex in 0..<10 {
            let markdown = generator.table()
            let parsed = parseMarkdown(markdown)
            guard let table = parsed.children.first, table.kind == .table else {
                Issue.record("not a table: \(markdown)")
                continue
            }
            let wide = TerminalRenderer(options: RenderOptions(width: 100_000))
            let cellText = table.children.flatMap(\.children).flatMap { cell in
                wide.render(MarkdownNode(kind: .paragraph, children: cell.children))
            }
            let expected = Self.letters(cellText.joined())
            let headerText = table.children[0].children.flatMap { cell in
                wide.render(MarkdownNode(kind: .paragraph, children: cell.children))
            }
            let bodyCount = table.children.count - 1
            for width in stride(from: 10, through: 100, by: 9) {
                let lines = TerminalRenderer(options: RenderOptions(width: width)).render(parsed)
                let where_ = "shard \(shard) table \(tableIndex) width \(width)"
                #expect(lines.allSatisfy { displayWidth($0) <= width }, "\(where_): \(lines)")
                #expect(lines.allSatisfy { !$0.hasSuffix(" ") }, "\(where_): trailing space")
                let isGrid = lines.contains { !$0.isEmpty && $0.allSatisfy { "─┼".contains($0) } }
                let shown = isGrid || bodyCount == 0
                    ? expected
                    : (expected + Array(repeating: Self.letters(headerText.joined()), count: bodyCount - 1).flatMap { $0 }).sorted()
                #expect(Self.letters(lines.joined()) == shown, "\(where_): text changed in \(markdown.debugDescription.prefix(300))")
            }
        }
    }

    /// The characters of `text` other than spaces and the table's own rules, sorted.
    private static func letters(_ text: String) -> [Character] {
        text.filter { !" │─┼┄".contains($0) }.sorted()
    }
}
