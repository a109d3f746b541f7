import Testing
@testable import TerminalMarkdown

/// Documents nested far deeper than any real one: parsing, copying, comparing, rendering and
/// freeing their trees must neither recurse on the depth (a stack overflow kills the process)
/// nor lose the text.
@Suite struct HostileInputTests {
    private func renderBoth(_ markdown: String, width: Int = 40) -> [[String]] {
        let document = parseMarkdown(markdown)
        return [false, true].map { color in
            TerminalRenderer(options: RenderOptions(width: width, color: color, hyperlinks: color)).render(document)
        }
    }

    @Test func fiftyThousandNestedQuotes() {
        let source = String(repeating: ">", count: 50_000) + " deep\n"
        let document = parseMarkdown(source)
        var depth = 0
        var node = document
        while let first = node.children.first, first.kind == .blockQuote { node = first; depth += 1 }
        #expect(depth == 50_000)
        #expect(document == parseMarkdown(source))
        #expect(document.plainText == "deep")
        #expect(document.allNodes.count == 50_003)
        for lines in renderBoth(source) {
            #expect(lines.contains { $0.contains("deep") })
            #expect(lines.allSatisfy { displayWidth($0) <= 40 })
        }
    }

    @Test func deeplyNestedInlines() {
        let emphasis = String(repeating: "*", count: 30_000) + "x" + String(repeating: "*", count: 30_000) + "\n"
        let images = String(repeating: "![", count: 20_000) + "alt" + String(repeating: "](u)", count: 20_000) + "\n"
        let strikes = String(repeating: "~~a ", count: 20_000) + "b" + String(repeating: " c~~", count: 20_000) + "\n"
        for source in [emphasis, images, strikes] {
            let document = parseMarkdown(source)
            #expect(document == parseMarkdown(source))
            #expect(!document.plainText.isEmpty)
            for lines in renderBoth(source) { #expect(!lines.isEmpty && lines.allSatisfy { displayWidth($0) <= 40 }) }
        }
        let strikeDepth = parseMarkdown(strikes).allNodes.filter { $0.kind == .strikethrough }.count
        #expect(strikeDepth == 20_000)
    }

    @Test func deeplyNestedListsAndAHugeTable() {
        let lists = String(repeating: "- ", count: 20_000) + "item\n"
        for lines in renderBoth(lists) { #expect(lines.contains { $0.contains("item") }) }
        let columns = 3_000
        let table = (0..<columns).map { "h\($0)" }.joined(separator: "|") + "\n"
            + Array(repeating: "-", count: columns).joined(separator: "|") + "\n"
            + (0..<columns).map { "v\($0)" }.joined(separator: "|") + "\n"
        #expect(parseMarkdown(table).children.first?.kind == .table)
        for lines in renderBoth(table) {
            #expect(lines.allSatisfy { displayWidth($0) <= 40 })
            #expect(lines.contains { $0.contains("v2999") })
        }
    }

    @Test func controlCharactersInTablesAndStrikethroughStayVisible() {
        let hostile = "| \u{1B}[2J | ~~\u{07}x~~ |\n| - | - |\n| \u{9B}31m | \u{1B}]8;;http://evil\u{07}y |\n"
        for lines in renderBoth(hostile, width: 80) {
            let text = stripRendererEscapes(lines.joined(separator: "\n"))
            #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
            #expect(text.contains("␛[2J") && text.contains("␇x"))
        }
    }
}

@Suite struct NodeDescriptionTests {
    @Test func aNodeDescribesItselfInOneLineWhateverItsDepth() {
        let deep = parseMarkdown(String(repeating: ">", count: 50_000) + " deep\n")
        #expect(String(describing: deep) == "document, 1 children, lines 1-1")
        #expect(String(describing: parseMarkdown("`code`\n").children[0].children[0]) == "code \"code\", 0 children, lines 1-1")
    }
}
