import Testing
@testable import TerminalMarkdown

private func plain(_ markdown: String, width: Int = 80) -> [String] {
    TerminalRenderer(options: RenderOptions(width: width, color: false)).render(parseMarkdown(markdown))
}

/// The display columns at which `│` stands in a line.
private func barColumns(_ line: String) -> [Int] {
    var columns: [Int] = []
    var column = 0
    for character in line {
        if character == "│" || character == "┼" { columns.append(column) }
        column += characterWidth(character)
    }
    return columns
}

@Suite struct TableParsingTests {
    @Test func headerDelimiterAndBodyRowsWithAlignment() {
        let doc = parseMarkdown("| a | b | c | d |\n| --- | :-- | :-: | --: |\n| 1 | 2 | 3 | 4 |\n")
        let table = doc.children[0]
        #expect(table.kind == .table)
        #expect(table.columnAlignments == [.none, .left, .center, .right])
        #expect(table.children.map(\.kind) == [.tableRow, .tableRow])
        #expect(table.children[0].children.map(\.plainText) == ["a", "b", "c", "d"])
        #expect(table.children[1].children.map(\.plainText) == ["1", "2", "3", "4"])
        #expect(table.startLine == 1 && table.endLine == 3)
        #expect(table.children[1].startLine == 3)
    }

    @Test func optionalOuterPipesAndUnevenRows() {
        let table = parseMarkdown("abc | defghi\n:-: | -----------:\nbar | baz\nonly\n| x | y | z |\n").children[0]
        #expect(table.kind == .table)
        #expect(table.columnAlignments == [.center, .right])
        #expect(table.children.map { $0.children.map(\.plainText) } == [["abc", "defghi"], ["bar", "baz"], ["only", ""], ["x", "y"]])
    }

    @Test func escapedPipesStayInTheirCellAlsoInsideCode() {
        let table = parseMarkdown("| f\\|oo |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n").children[0]
        #expect(table.children.map { $0.children[0].plainText } == ["f|oo", "b | az", "b | im"])
        let code = table.children[1].children[0].children.first { $0.kind == .code }
        #expect(code?.literal == "|")
        #expect(table.children[2].children[0].children.contains { $0.kind == .strong })
    }

    @Test func cellsHoldInlinesOnlyAndEmphasisDoesNotCrossCells() {
        let table = parseMarkdown("| # not a heading | *a | b* | 1. no list |\n|---|---|---|---|\n| > no quote | `x` | [l](https://d2l.ai) | _em_ |\n").children[0]
        let header = table.children[0].children
        #expect(header.map(\.plainText) == ["# not a heading", "*a", "b*", "1. no list"])
        #expect(header.allSatisfy { $0.children.allSatisfy { $0.kind == .text } })
        let body = table.children[1].children
        #expect(body[0].plainText == "> no quote")
        #expect(body[1].children.map(\.kind) == [.code])
        #expect(body[2].children.map(\.kind) == [.link])
        #expect(body[3].children.map(\.kind) == [.emphasis])
    }

    @Test func linkReferenceDefinitionsStayDefinitionsAndResolveInCells() {
        let doc = parseMarkdown("[x]: https://d2l.ai\n| a | b |\n| - | - |\n| [book][x] | [y] |\n\n[y]: /why\n")
        #expect(doc.children.map(\.kind) == [.table])
        let cells = doc.children[0].children[1].children
        #expect(cells.map { $0.children.first?.kind } == [.link, .link])
        #expect(cells.map { $0.children.first?.url } == ["https://d2l.ai", "/why"])
        #expect(plain("[x]: https://d2l.ai\n| a |\n| - |\n| [b][x] |\n") == ["a", "──────────────────", "b (https://d2l.ai)"])
    }

    @Test func aLabelDefinedTwiceUsesItsFirstDefinitionInEveryTable() {
        let text = "[x]: /first\n[x]: /second\n\n| a |\n| - |\n| [b][x] |\n\n| c |\n| - |\n| [d][X] |\n\n[x]: /third\n"
        let tables = parseMarkdown(text).children.filter { $0.kind == .table }
        #expect(tables.count == 2)
        #expect(tables.map { $0.children[1].children[0].children.first?.url } == ["/first", "/first"])
    }

    @Test func aTableUnderlinedLikeASetextHeadingIsStillATable() {
        let dashed = parseMarkdown("| a | b |\n| - | - |\n| 1 | 2 |\n---\n")
        #expect(dashed.children.map(\.kind) == [.table, .thematicBreak])
        #expect(dashed.children[0].children.count == 2)
        let equals = parseMarkdown("| a | b |\n| - | - |\n| 1 | 2 |\n===\n").children
        #expect(equals.map(\.kind) == [.table])
        #expect(equals[0].children.last?.children.map(\.plainText) == ["===", ""])
        #expect(parseMarkdown("A title\n---\n").children.map(\.kind) == [.heading])
        #expect(parseMarkdown("# | a | b |\n").children.map(\.kind) == [.heading])
    }

    @Test func aHeaderThatDoesNotMatchTheDelimiterRowIsNoTable() {
        #expect(parseMarkdown("| a | b |\n| --- |\n| c |\n").children.map(\.kind) == [.paragraph])
        #expect(parseMarkdown("a | b\nc | d\n").children.map(\.kind) == [.paragraph])
        #expect(parseMarkdown("| a |\n| -x- |\n").children.map(\.kind) == [.paragraph])
        #expect(parseMarkdown("```\n| a |\n| - |\n```\n").children.map(\.kind) == [.codeBlock])
    }

    @Test func aTableEndsAParagraphAndSitsInQuotesAndLists() {
        let doc = parseMarkdown("Some text\nmore *text*\n| a | b |\n| - | - |\n| 1 | 2 |\n\nafter\n")
        #expect(doc.children.map(\.kind) == [.paragraph, .table, .paragraph])
        #expect(doc.children[0].plainText == "Some text more text")
        #expect(doc.children[1].startLine == 3)
        let quoted = parseMarkdown("> | a | b |\n> | - | - |\n> | 1 | 2 |\n").children[0]
        #expect(quoted.kind == .blockQuote)
        #expect(quoted.children[0].kind == .table)
        #expect(quoted.children[0].children[1].children.map(\.plainText) == ["1", "2"])
        let listed = parseMarkdown("- item\n\n  | a | b |\n  | - | - |\n  | 1 | 2 |\n").children[0]
        #expect(listed.children[0].children.map(\.kind) == [.paragraph, .table])
        let nested = parseMarkdown("> - | 甲 | 乙 |\n>   | - | - |\n>   | 丙 | 丁 |\n").allNodes.first { $0.kind == .table }
        #expect(nested?.children[1].children.map(\.plainText) == ["丙", "丁"])
    }
}

@Suite struct TableRenderingTests {
    @Test func alignedColumnsUnderARuleAt80Columns() {
        let lines = plain("| name | n | mid | note |\n| :-- | --: | :-: | --- |\n| relu | 1 | x | the *gradient* |\n| sgd \\| lr | 256 | abc | `max(x, 0)` |\n")
        #expect(lines == [
            "name     │   n │ mid │ note",
            "─────────┼─────┼─────┼─────────────",
            "relu     │   1 │  x  │ the gradient",
            "sgd | lr │ 256 │ abc │ max(x, 0)",
        ])
    }

    @Test func chineseCellsAreMeasuredByDisplayWidth() {
        let md = "| 函数 | 说明 |\n| --- | --: |\n| ReLU | 修正线性单元 |\n| 双曲正切 | tanh |\n"
        let lines = plain(md)
        #expect(lines == [
            "函数     │         说明",
            "─────────┼─────────────",
            "ReLU     │ 修正线性单元",
            "双曲正切 │         tanh",
        ])
        #expect(Set(lines.map(barColumns)).count == 1)
    }

    @Test func cellsWrapAtNarrowWidthsAndColumnsStayAligned() {
        let md = "| 激活函数 | 说明 |\n| --- | --- |\n| ReLU | 修正线性单元，最常用的激活函数之一，计算简单。 |\n| sigmoid | squashes its input into (0, 1), smoothly |\n"
        for width in [30, 40, 50] {
            let lines = plain(md, width: width)
            #expect(lines.allSatisfy { displayWidth($0) <= width }, "\(lines)")
            let grid = lines.filter { $0.contains("│") || $0.contains("┼") }
            #expect(Set(grid.map(barColumns)).count == 1, "columns drift at \(width): \(lines)")
            #expect(lines.contains { $0.hasPrefix("┄") }, "wrapped rows are kept apart at \(width)")
            let text = lines.joined().filter { !"│─┼┄ ".contains($0) }
            #expect(text.contains("修正线性单元，最常用的激活函数之一，计算简单。"))
            #expect(text.contains("squashesitsinputinto(0,1),smoothly"))
        }
        // Words are not broken while they fit in their column.
        #expect(plain(md, width: 40).contains { $0.hasSuffix("│ squashes its input into (0,") })
    }

    @Test func tablesThatCannotFitBecomeRecords() {
        let md = "| setup | r1 | r2 | r3 | r4 | r5 | 60k×3 ep |\n|---|---|---|---|---|---|---|\n| 1 at a time, 2 workers | 11.96 | 9.14 | 9.14 | 8.10 | 9.34 | 26.37 |\n| 2 at a time | 7.32 | 7.49 | 8.12 | 7.73 | 7.34 | 19.32 |\n"
        let lines = plain(md, width: 40)
        #expect(lines.allSatisfy { displayWidth($0) <= 40 })
        #expect(lines.prefix(8) == [
            "setup    │ 1 at a time, 2 workers",
            "r1       │ 11.96",
            "r2       │ 9.14",
            "r3       │ 9.14",
            "r4       │ 8.10",
            "r5       │ 9.34",
            "60k×3 ep │ 26.37",
            "",
        ])
        #expect(lines.last == "60k×3 ep │ 19.32")
        // At 80 columns the same table is a grid.
        #expect(plain(md, width: 80)[1].hasPrefix("───"))
    }

    @Test func brBreaksALineInsideACellOnly() {
        #expect(plain("| a | b |\n| - | - |\n| one<br>two<BR/>three | x |\n") ==
                ["a     │ b", "──────┼──", "one   │ x", "two   │", "three │"])
        #expect(plain("one<br>two") == ["one<br>two"])
    }

    @Test func tableInsideAQuoteFitsInsideTheBar() {
        let lines = plain("> | a | b |\n> | - | - |\n> | 1 | 2 |\n", width: 20)
        #expect(lines == ["│ a │ b", "│ ──┼──", "│ 1 │ 2"])
    }

    @Test func hostileCellsAreSanitised() {
        let lines = plain("| a\u{1B}[31m | b |\n| - | - |\n| \u{07} | c |\n")
        #expect(!lines.joined().unicodeScalars.contains { $0.value < 0x20 })
        #expect(lines[0].hasPrefix("a␛[31m"))
    }
}

@Suite struct StrikethroughTests {
    @Test func twoTildesStrikeThroughInlines() {
        let paragraph = parseMarkdown("a ~~b *c* d~~ e\n").children[0]
        #expect(paragraph.children.map(\.kind) == [.text, .strikethrough, .text])
        #expect(paragraph.children[1].plainText == "b c d")
        #expect(paragraph.children[1].children.map(\.kind) == [.text, .emphasis, .text])
    }

    @Test func otherTildesStayText() {
        for source in ["~~~a~~~", "`~~a~~`", "a ~~ b ~~ c", "~a~", "~~a", "x~~y"] {
            let nodes = parseMarkdown(source + "\n").allNodes
            #expect(!nodes.contains { $0.kind == .strikethrough }, "\(source)")
        }
        #expect(parseMarkdown("~~删除~~也可以\n").children[0].children.first?.kind == .strikethrough)
        #expect(parseMarkdown("# ~~old~~ new\n").children[0].children.first?.kind == .strikethrough)
    }

    @Test func plainShowsTheMarkersAndColourTheStyle() {
        #expect(plain("keep ~~drop~~ keep") == ["keep ~~drop~~ keep"])
        let coloured = TerminalRenderer(options: RenderOptions(width: 80, color: true)).render(parseMarkdown("~~drop~~"))
        #expect(coloured == ["\u{1B}[9mdrop\u{1B}[0m"])
    }
}
