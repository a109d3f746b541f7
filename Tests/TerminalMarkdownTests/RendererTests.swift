import Foundation
import Testing
@testable import TerminalMarkdown

private func plain(_ markdown: String, width: Int = 80) -> [String] {
    TerminalRenderer(options: RenderOptions(width: width, color: false)).render(parseMarkdown(markdown))
}

private func colour(_ markdown: String, width: Int = 80, hyperlinks: Bool = false) -> [String] {
    TerminalRenderer(options: RenderOptions(width: width, color: true, hyperlinks: hyperlinks)).render(parseMarkdown(markdown))
}

@Suite struct RendererTests {
    @Test func headingLevelsAreVisiblyDistinct() {
        let md = (1...6).map { String(repeating: "#", count: $0) + " Title" }.joined(separator: "\n\n")
        let lines = colour(md).filter { $0.contains("Title") }
        #expect(lines.count == 6)
        #expect(Set(lines).count == 6, "each level must look different")
        // Plain text shows no # markers: every level is underlined, 1 and 2 each their own way.
        let plainLines = plain(md)
        #expect(!plainLines.contains { $0.contains("#") })
        #expect(plainLines.filter { $0 == "Title" }.count == 6)
        #expect(plainLines[1] == "━━━━━")
        #expect(plainLines[4] == "─────")
        #expect(plainLines[7] == "┄┄┄┄┄")
    }

    @Test func softBreakBetweenChineseIsNothingBetweenLatinIsASpace() {
        #expect(plain("非线性\n变换") == ["非线性变换"])
        #expect(plain("非线性，\n变换。") == ["非线性，变换。"])
        #expect(plain("hidden\nlayer") == ["hidden layer"])
        #expect(plain("ReLU\n函数") == ["ReLU 函数"])
        #expect(plain("**强调**\n文字") == ["强调文字"])
        #expect(plain("~~删除~~\n文字") == ["~~删除~~文字"])
        #expect(plain("句号。\nNext") == ["句号。Next"])
        #expect(plain("ReLU\n（修正）") == ["ReLU（修正）"])
    }

    @Test func chineseWrapsBetweenIdeographsButNotBeforeClosingPunctuation() {
        // 10 ideographs then a comma: at width 20 the comma may not start line 2.
        let lines = plain("一二三四五六七八九十，再来。", width: 20)
        #expect(lines == ["一二三四五六七八九", "十，再来。"])
        for width in 10...40 {
            for line in plain("他说：「激活函数（ReLU）很简单。」然后，我们继续；好吗？是的！", width: width) {
                #expect(displayWidth(line) <= width)
                if let first = line.unicodeScalars.first { #expect(!isClosingPunctuation(first.value), "line starts with \(first) at width \(width)") }
                if let last = line.unicodeScalars.last { #expect(!isOpeningPunctuation(last.value), "line ends with \(last) at width \(width)") }
            }
        }
    }

    @Test func punctuationClasses() {
        for c in "，。、；：？！）」』】〕〉》”’…ー々～,.;:!?)]}%っャ".unicodeScalars { #expect(isClosingPunctuation(c.value), "\(c)") }
        for c in "（「『【〔〈《“‘([{".unicodeScalars { #expect(isOpeningPunctuation(c.value), "\(c)") }
        for c in "中a1-（".unicodeScalars { #expect(!isClosingPunctuation(c.value), "\(c)") }
        for c in "中a1-）".unicodeScalars { #expect(!isOpeningPunctuation(c.value), "\(c)") }
    }

    @Test func plainMarkersStayWithTheirTextAndCodeSpansStayWhole() {
        for width in 10...30 {
            let lines = plain("一二三四五六七八（~~强调~~）九十`代码`，再来~~一次~~。", width: width)
            for line in lines {
                #expect(!line.hasSuffix("（~~") && !line.hasSuffix("~~一次") && !line.hasSuffix("~"), "\(line) at \(width)")
                #expect(!line.hasPrefix("~~）") && !line.hasPrefix("~~。") && !line.hasPrefix("，"), "\(line) at \(width)")
            }
            #expect(lines.contains { $0.contains("代码") }, "the code span 代码 was split at \(width)")
        }
    }

    @Test func longWordsAreBrokenHardAndNoLineHasTrailingSpaces() {
        let url = "https://example.com/" + String(repeating: "abcdefghij", count: 8)
        let lines = plain("see \(url) now  \nthen", width: 30)
        #expect(lines.allSatisfy { displayWidth($0) <= 30 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "").contains(url))
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test func codeSpansAreNeverBrokenUnlessWiderThanTheLine() {
        #expect(plain("a tensor such as `[[0, 2], [3, 0]]` here", width: 30) == ["a tensor such as", "[[0, 2], [3, 0]] here"])
        let command = "tutor sweep --hiddens 64,128 --lr 0.1"   // 37 columns
        #expect(plain("Some words before the span `\(command)` end", width: 50) ==
                ["Some words before the span", command + " end"])
        #expect(plain("见 `\(command)`，然后看图表。", width: 40) == ["见", command + "，", "然后看图表。"])
        let long = "`" + Array(repeating: "word", count: 12).joined(separator: " ") + "`"
        #expect(plain(long, width: 30) == ["word word word word word word", "word word word word word word"])
        #expect(plain("`一二三四五六七八九十`", width: 10) == ["一二三四五", "六七八九十"])   // only when wider
        #expect(colour("x ` ` `a ` y", width: 80).allSatisfy { !stripEscapes($0).hasSuffix(" ") })
        #expect(plain("aaaa `b ` c", width: 8) == ["aaaa b", "c"])
    }

    @Test func listsKeepNumberingAndHangWrappedText() {
        let lines = plain("7. seven is a long item that must wrap onto the next line\n8. eight\n", width: 30)
        #expect(lines[0].hasPrefix("7. seven"))
        #expect(lines[1].hasPrefix("   ") && !lines[1].hasPrefix("    "))   // hangs under the text
        #expect(lines.last == "8. eight")
        let wide = plain("9. nine\n10. ten\n")
        #expect(wide == [" 9. nine", "10. ten"])                              // numbers aligned
        #expect(plain("1) a\n2) b") == ["1) a", "2) b"])
    }

    @Test func tightAndLooseListsAndNesting() {
        #expect(plain("- a\n- b\n") == ["• a", "• b"])
        #expect(plain("- a\n\n- b\n") == ["• a", "", "• b"])
        #expect(plain("- a\n  - b\n    - c\n      - d\n") == ["• a", "  ◦ b", "    ▪ c", "      • d"])
    }

    @Test func nestedBlockQuotesHaveBarsAndNoTrailingPadding() {
        let lines = plain("> outer\n>\n> > inner\n")
        #expect(lines == ["│ outer", "│", "│ │ inner"])
    }

    @Test func codeBlocksAreNotReflowedAndLongLinesAreClipped() {
        let md = "```\nlet   spaced   = 1\n" + String(repeating: "x", count: 60) + "\n```\n"
        let lines = plain(md, width: 40)
        #expect(lines[0] == "  let   spaced   = 1")      // indented 2 below 60 columns, 4 above
        #expect(displayWidth(lines[1]) == 40)
        #expect(lines[1].hasSuffix("…"))
        let labelled = plain("```python\nx = 1\n```\n")
        #expect(labelled == ["  ── python ──", "    x = 1"])
    }

    @Test func swiftAndPythonAreHighlighted() {
        let swift = colour("```swift\nfunc f() -> Int { return 42 } // done\nlet s = \"hi\"\n```\n")
        #expect(swift[1].contains("\u{1B}[35mfunc\u{1B}[0m"))        // keyword
        #expect(swift[1].contains("\u{1B}[36m42\u{1B}[0m"))          // number
        #expect(swift[1].contains("\u{1B}[3;90m// done\u{1B}[0m"))   // comment
        #expect(swift[1].contains("\u{1B}[94mInt\u{1B}[0m"))         // type
        #expect(swift[2].contains("\u{1B}[32m\"hi\"\u{1B}[0m"))      // string
        let python = colour("```python\ndef f(x):\n    '''doc\n    more'''\n    return x  # c\n```\n")
        #expect(python[1].contains("\u{1B}[35mdef\u{1B}[0m"))
        #expect(python[2].contains("\u{1B}[32m'''doc\u{1B}[0m"))
        #expect(python[3].contains("\u{1B}[32m    more'''\u{1B}[0m"))   // string continues
        #expect(python[4].contains("\u{1B}[3;90m# c\u{1B}[0m"))
        // Highlighting never changes the text.
        let stripped = python.map(stripEscapes)
        #expect(stripped == plain("```python\ndef f(x):\n    '''doc\n    more'''\n    return x  # c\n```\n"))
    }

    @Test func linksShowTextAndURLAndHyperlinksOnlyWhenAsked() {
        #expect(plain("[book](https://d2l.ai)") == ["book (https://d2l.ai)"])
        #expect(plain("<https://d2l.ai>") == ["https://d2l.ai"])
        let without = colour("[book](https://d2l.ai)").joined()
        #expect(!without.contains("\u{1B}]8;"))
        let with = colour("[book](https://d2l.ai)", hyperlinks: true).joined()
        #expect(with.contains("\u{1B}]8;;https://d2l.ai\u{1B}\\"))
        #expect(with.hasSuffix("\u{1B}]8;;\u{1B}\\"))             // closed at the end of the line
        #expect(stripEscapes(with) == "book (https://d2l.ai)")
    }

    @Test func imagesShowAltTextAndURL() {
        #expect(plain("![a cat](cat.png)") == ["[image: a cat] (cat.png)"])
    }

    @Test func rawHTMLIsShownAsText() {
        #expect(plain("0<foo or foo>10") == ["0<foo or foo>10"])
        #expect(plain("a <b>bold</b> c") == ["a <b>bold</b> c"])
        #expect(plain("<div>\nblock\n</div>\n") == ["<div>", "block", "</div>"])
    }

    @Test func hardBreakAndThematicBreak() {
        #expect(plain("a\\\nb") == ["a", "b"])
        #expect(plain("a  \nb") == ["a", "b"])
        #expect(plain("---", width: 12) == ["────────────"])
    }

    @Test func plainModeShowsStructureWithoutMarkdownMarkers() {
        #expect(plain("# Title\n\n*em* **strong** `code` ~~gone~~\n\n### Three") ==
                ["Title", "━━━━━", "", "em strong code ~~gone~~", "", "Three", "┄┄┄┄┄"])
        #expect(stripEscapes(colour("*em* **strong** `code` ~~gone~~").joined()) == "em strong code gone")
        #expect(colour("~~gone~~").joined().contains("\u{1B}[9mgone\u{1B}[0m"))
    }

    @Test func customBlockHookDrawsCheckpoints() {
        let md = "intro\n\n```checkpoint relu-by-hand\ncall: relu\n```\n\n```python\nx = 1\n```\n"
        var asked: [String] = []
        let lines = TerminalRenderer(options: RenderOptions(width: 80)).render(parseMarkdown(md)) { info, body in
            asked.append(info)
            return info.hasPrefix("checkpoint") ? ["[panel \(body.count)]"] : nil
        }
        #expect(asked == ["checkpoint relu-by-hand", "python"])
        #expect(lines == ["intro", "", "[panel 11]", "", "  ── python ──", "    x = 1"])
    }

    @Test func controlCharactersCannotInjectEscapes() {
        let hostile = "a \u{1B}[2J b \u{07} c \u{9B}31m d\n\n```\u{1B}[31m\n\u{1B}]0;title\u{07}\n```\n\n[x](http://a\u{1B}b)\n\n<div>\u{1B}[5m</div>\n\n# \u{1B}[1mH\n"
        for rendered in [plain(hostile), colour(hostile, hyperlinks: true)] {
            let text = stripRendererEscapes(rendered.joined(separator: "\n"))
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        }
        #expect(plain("a \u{1B}[2J b") == ["a ␛[2J b"])
    }

    @Test func deeplyNestedInputDoesNotCrashOrOverflow() {
        let quotes = String(repeating: "> ", count: 3000) + "deep\n"
        let lines = plain(quotes, width: 40)
        #expect(lines.contains { $0.contains("deep") })
        #expect(lines.allSatisfy { displayWidth($0) <= 40 })
        let lists = (0..<200).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        #expect(plain(lists, width: 40).allSatisfy { displayWidth($0) <= 40 })
    }
}

/// Removes SGR and OSC sequences (for comparing colour output with plain text).
func stripEscapes(_ s: String) -> String {
    var out = ""
    var scanner = EscapeScanner()
    for c in s where !scanner.consume(c) { out.append(c) }
    return out
}

/// Removes exactly the sequences the renderer itself writes: SGR (`ESC [ digits;… m`) and OSC 8
/// (`ESC ] 8 ; ; printable-ASCII ESC \`). Anything else stays, so a test can find it.
func stripRendererEscapes(_ s: String) -> String {
    let scalars = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    func isDigitOrSemicolon(_ v: Unicode.Scalar) -> Bool { ("0"..."9").contains(v) || v == ";" }
    while i < scalars.count {
        if scalars[i] == "\u{1B}", i + 1 < scalars.count {
            if scalars[i + 1] == "[" {
                var k = i + 2
                while k < scalars.count, isDigitOrSemicolon(scalars[k]) { k += 1 }
                if k < scalars.count, scalars[k] == "m" { i = k + 1; continue }
            } else if scalars[i + 1] == "]", i + 4 < scalars.count, scalars[i + 2] == "8", scalars[i + 3] == ";", scalars[i + 4] == ";" {
                var k = i + 5
                while k < scalars.count, scalars[k].value > 0x20, scalars[k].value < 0x7F { k += 1 }
                if k + 1 < scalars.count, scalars[k] == "\u{1B}", scalars[k + 1] == "\\" { i = k + 2; continue }
            }
        }
        out.append(scalars[i])
        i += 1
    }
    return String(out)
}

@Suite struct HyperlinkTests {
    @Test func onlyAbsoluteURLsBecomeHyperlinks() {
        let relative = colour("[pic](img/a.png) ![alt](b.png)", hyperlinks: true).joined()
        #expect(!relative.contains("\u{1B}]8;"))
        let absolute = colour("[mail](mailto:a@b.c)", hyperlinks: true).joined()
        #expect(absolute.contains("\u{1B}]8;;mailto:a@b.c\u{1B}\\"))
        #expect(isAbsoluteURL("https://d2l.ai"))
        #expect(!isAbsoluteURL("lessons/en/01.md"))
        #expect(!isAbsoluteURL(":x"))
    }

    @Test func hostileURLsAreEncodedInsideTheHyperlink() {
        let line = colour("[x](<https://a.b/c d\u{1B}e>)", hyperlinks: true).joined()
        #expect(line.contains("\u{1B}]8;;https://a.b/c%20d%1Be\u{1B}\\"))
    }
}

@Suite struct PublicHelperTests {
    @Test func customBlockIsToldItsWidthInsideContainers() {
        var widths: [Int] = []
        let lines = TerminalRenderer(options: RenderOptions(width: 40))
            .render(parseMarkdown("```checkpoint a\nx\n```\n\n> - ```checkpoint b\n>   y\n>   ```\n")) { info, _, width in
                widths.append(width)
                return ["[\(info)]"]
            }
        #expect(widths == [40, 36])          // quote bar 2 + bullet 2
        #expect(lines == ["[checkpoint a]", "", "│ • [checkpoint b]"])
    }

    @Test func wrapAndSanitizeForCallers() {
        #expect(wrapText("一二三四五六七八九十，再来。", width: 20) == ["一二三四五六七八九", "十，再来。"])
        #expect(wrapText("alpha beta\ngamma", width: 80) == ["alpha beta", "gamma"])
        #expect(sanitizeForTerminal("a\u{1B}[31mb\u{07}") == "a␛[31mb␇")
    }

    /// The golden fixtures really cover every node kind the parser produces.
    @Test func goldenFixturesCoverEveryNodeKind() throws {
        for name in ["en", "zh"] {
            let url = GoldenTests.goldenDirectory.appendingPathComponent("\(name).md")
            let kinds = Set(parseMarkdown(try String(contentsOf: url, encoding: .utf8)).allNodes.map(\.kind))
            let expected = Set(MarkdownNodeKind.allCases).subtracting([.customBlock, .customInline])
            #expect(expected.subtracting(kinds).isEmpty, "\(name).md lacks \(expected.subtracting(kinds))")
        }
    }
}
