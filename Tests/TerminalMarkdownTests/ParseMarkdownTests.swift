import Testing
@testable import TerminalMarkdown

@Suite struct ParseMarkdownTests {
    @Test func headingLevelsTextAndLines() {
        let doc = parseMarkdown("# One\n\ntext\n\n### Three *em*\n")
        #expect(doc.kind == .document)
        #expect(doc.children.map(\.kind) == [.heading, .paragraph, .heading])
        #expect(doc.children[0].headingLevel == 1)
        #expect(doc.children[2].headingLevel == 3)
        #expect(doc.children[2].plainText == "Three em")
        #expect(doc.children[2].children.map(\.kind) == [.text, .emphasis])
        #expect(doc.children[0].startLine == 1)
        #expect(doc.children[1].startLine == 3)
        #expect(doc.children[2].startLine == 5)
    }

    @Test func fencedBlockInfoBodyAndLines() {
        let md = "intro\n\n```checkpoint relu-by-hand\ncall: relu\nexpect: tensor\n```\n\n    indented\n"
        let doc = parseMarkdown(md)
        let fenced = doc.children[1]
        #expect(fenced.kind == .codeBlock)
        #expect(fenced.fenceInfo == "checkpoint relu-by-hand")
        #expect(fenced.infoWords == ["checkpoint", "relu-by-hand"])
        #expect(fenced.literal == "call: relu\nexpect: tensor\n")
        #expect(fenced.startLine == 3)
        #expect(fenced.endLine == 6)
        let indented = doc.children[2]
        #expect(indented.kind == .codeBlock)
        #expect(indented.fenceInfo == "")
        #expect(indented.literal == "indented\n")
        #expect(doc.codeBlocks(withInfoWord: "checkpoint").map(\.startLine) == [3])
    }

    @Test func listsKeepTheirTypeStartAndTightness() {
        let doc = parseMarkdown("3) a\n4) b\n\n- x\n\n- y\n")
        let ordered = doc.children[0]
        #expect(ordered.kind == .list)
        #expect(ordered.listType == .ordered)
        #expect(ordered.listStart == 3)
        #expect(ordered.listDelimiter == .paren)
        #expect(ordered.listTight == true)
        #expect(ordered.children.count == 2)
        #expect(ordered.children.allSatisfy { $0.kind == .item })
        let bullet = doc.children[1]
        #expect(bullet.listType == .bullet)
        #expect(bullet.listStart == nil)
        #expect(bullet.listTight == false)
    }

    @Test func inlinesLinksImagesBreaksHTML() {
        let doc = parseMarkdown("a **b** `c` [d](http://e.org \"T\") ![alt](i.png)\nnext  \nhard <span>x</span>\n")
        let kinds = doc.children[0].children.map(\.kind)
        #expect(kinds == [.text, .strong, .text, .code, .text, .link, .text, .image, .softBreak,
                          .text, .lineBreak, .text, .htmlInline, .text, .htmlInline])
        let link = doc.children[0].children[5]
        #expect(link.url == "http://e.org")
        #expect(link.title == "T")
        #expect(link.plainText == "d")
        let image = doc.children[0].children[7]
        #expect(image.url == "i.png")
        #expect(image.title == nil)
        #expect(image.plainText == "alt")
        #expect(doc.children[0].children[3].literal == "c")
        #expect(doc.children[0].children[12].literal == "<span>")
    }

    @Test func blockQuoteHtmlBlockThematicBreak() {
        let doc = parseMarkdown("> > deep\n\n---\n\n<div>\nraw\n</div>\n")
        #expect(doc.children.map(\.kind) == [.blockQuote, .thematicBreak, .htmlBlock])
        #expect(doc.children[0].children[0].kind == .blockQuote)
        #expect(doc.children[0].children[0].children[0].plainText == "deep")
        #expect(doc.children[2].literal == "<div>\nraw\n</div>\n")
        #expect(doc.children[1].startLine == 3)
    }

    @Test func emptyAndDeeplyNestedDocuments() {
        #expect(parseMarkdown("").children.isEmpty)
        let deep = String(repeating: ">", count: 5000) + " x\n"
        var node = parseMarkdown(deep)
        var depth = 0
        while let first = node.children.first, first.kind == .blockQuote { node = first; depth += 1 }
        #expect(depth > 100)
    }

    @Test func chineseTextSurvivesIntact() {
        let doc = parseMarkdown("# 激活函数\n\n修正线性单元（ReLU）提供了一种非常简单的非线性变换。\n")
        #expect(doc.children[0].plainText == "激活函数")
        #expect(doc.children[1].plainText == "修正线性单元（ReLU）提供了一种非常简单的非线性变换。")
    }

    @Test func parsingManyTimesIsStable() {
        // Each parse allocates and frees a cmark tree; repeated parses must give equal values.
        let md = "# T\n\n- a\n- b\n\n```swift\nlet x = 1\n```\n"
        let first = parseMarkdown(md)
        for _ in 0..<200 { #expect(parseMarkdown(md) == first) }
    }
}
