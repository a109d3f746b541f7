import TerminalMarkdown
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// A 4×4 image: a diagonal gradient, black at the top left.
private let gradient = CaptionedImage(pixels: (0..<16).map { UInt8(min(255, ($0 / 4 + $0 % 4) * 42)) }, width: 4, height: 4,
                              caption: ["true: coat", "pred: shirt ✗"], highlighted: true)
private let rightOne = CaptionedImage(pixels: Array(repeating: 255, count: 16), width: 4, height: 4, caption: ["true: bag", "pred: bag"])

@Suite struct GreyImageGridTests {
    @Test func asciiRampWithoutColour() {
        let lines = GreyImageGrid(style: .ascii).render([gradient, rightOne], width: 40)
        Golden.check(lines, "images-ascii")
        #expect(!lines.joined().contains("\u{1B}"))
    }

    @Test func trueColourHalfBlocks() {
        Golden.check(GreyImageGrid(style: .trueColor).render([gradient], width: 40), "images-truecolor")
    }

    @Test func ansi256HalfBlocks() {
        Golden.check(GreyImageGrid(style: .ansi256).render([gradient], width: 40), "images-256")
    }

    @Test func wrapsToTheWidth() {
        // Each cell is 13 columns (the longest caption) plus a 2-column gap: 3 fit in 43, 2 in 42.
        let images = Array(repeating: rightOne, count: 5).map { img -> CaptionedImage in
            var i = img; i.caption = ["true: sneaker", "pred: sneaker"]; return i }
        let three = GreyImageGrid(style: .ascii).render(images, width: 43)
        let two = GreyImageGrid(style: .ascii).render(images, width: 42)
        #expect(three.count == 2 * 4 + 1)   // two rows of (2 pixel lines + 2 captions), one blank line between
        #expect(two.count == 3 * 4 + 2)
        #expect(three.allSatisfy { TextWidth.of($0) <= 43 })
    }

    @Test func chineseCaptionsArePaddedByDisplayWidth() {
        var a = rightOne, b = rightOne
        a.caption = ["真实: 连衣裙", "预测: 短靴 ✗"]
        b.caption = ["真实: 包", "预测: 包"]
        let lines = GreyImageGrid(style: .ascii).render([a, b], width: 80)
        // The second image's captions start in the same column as its pixels.
        let pixelStart = lines[0].distance(from: lines[0].startIndex, to: lines[0].lastIndex(of: "@")!) - 3
        let captionLine = lines[2]
        let prefix = String(captionLine[..<captionLine.range(of: "真实: 包")!.lowerBound])
        #expect(TextWidth.of(prefix) == pixelStart)
        #expect(TextWidth.of("真实: 连衣裙") == 12)
    }

    @Test func grey256UsesTheGreyRamp() {
        #expect(GreyImageGrid.grey256(0) == 16)
        #expect(GreyImageGrid.grey256(8) == 232)
        #expect(GreyImageGrid.grey256(128) == 244)
        #expect(GreyImageGrid.grey256(238) == 255)
        #expect(GreyImageGrid.grey256(255) == 231)
    }
}

@Suite struct TextWidthTests {
    @Test func wideCharactersEscapesAndCombiningMarksHaveTheirColumns() {
        #expect(TextWidth.of("coat") == 4)
        #expect(TextWidth.of("连衣裙") == 6)
        #expect(TextWidth.of("\u{1B}[31mred\u{1B}[0m") == 3)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("✗") == 1)
        #expect(TextWidth.truncate("连衣裙", to: 5) == "连衣…")
        #expect(TextWidth.padRight("包", to: 4) == "包  ")
    }
}
