import TerminalMarkdown
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

@Suite struct LineBufferTests {
    private func type(_ text: String, into buffer: inout LineBuffer) {
        for character in text { _ = buffer.apply(.character(character)) }
    }

    @Test func editingInTheMiddleOfTheLine() {
        var buffer = LineBuffer()
        type("[[0, 2]]", into: &buffer)
        for _ in 0..<3 { _ = buffer.apply(.left) }
        _ = buffer.apply(.backspace)         // removes the space before 2
        type("3", into: &buffer)
        _ = buffer.apply(.home)
        _ = buffer.apply(.delete)
        _ = buffer.apply(.end)
        type(" ", into: &buffer)
        #expect(buffer.text == "[0,32]] ")
        #expect(buffer.apply(.enter) == .submit("[0,32]] "))
        #expect(buffer.text.isEmpty && buffer.cursor == 0)
    }

    @Test func historyWalksBackAndForthAndKeepsTheDraft() {
        var buffer = LineBuffer()
        type("hint", into: &buffer); _ = buffer.apply(.enter)
        type("0.5", into: &buffer); _ = buffer.apply(.enter)
        type("0.5", into: &buffer); _ = buffer.apply(.enter)   // a repeat is not stored twice
        #expect(buffer.history == ["hint", "0.5"])
        type("dra", into: &buffer)
        _ = buffer.apply(.up)
        #expect(buffer.text == "0.5" && buffer.cursor == 3)
        _ = buffer.apply(.up)
        _ = buffer.apply(.up)                                  // stays at the oldest
        #expect(buffer.text == "hint")
        _ = buffer.apply(.down)
        #expect(buffer.text == "0.5")
        _ = buffer.apply(.down)
        #expect(buffer.text == "dra")
    }

    @Test func controlCCancelsAndControlDLeavesOnlyOnAnEmptyLine() {
        var buffer = LineBuffer()
        type("wrong", into: &buffer)
        #expect(buffer.apply(.cancel) == .cancelled)
        #expect(buffer.text.isEmpty)
        type("ab", into: &buffer)
        _ = buffer.apply(.home)
        #expect(buffer.apply(.endOfInput) == .editing)         // deletes under the cursor
        #expect(buffer.text == "b")
        _ = buffer.apply(.killToEnd)
        #expect(buffer.apply(.endOfInput) == .endOfInput)
    }

    @Test func ctrlWDeletesTheWordBeforeTheCursor() {
        var buffer = LineBuffer()
        type("torch.Size([784, 256])  ", into: &buffer)
        _ = buffer.apply(.killWordBack)
        #expect(buffer.text == "torch.Size([784, ")
        _ = buffer.apply(.killToStart)
        #expect(buffer.text.isEmpty)
    }

    @Test func chineseCharactersAreTwoColumnsWide() {
        #expect(TextWidth.of("答案") == 4)
        #expect(TextWidth.of("relu") == 4)
        #expect(TextWidth.of("，。") == 4)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("✔") == 1)
    }

    @Test func aWideCharacterThatDoesNotFitMovesWholeToTheNextRow() {
        // "答案> " is 6 columns; on a 7-column terminal "非" (2) no longer fits after "a".
        let widths = Array("答案> a非线性").map(characterWidth)
        let layout = WrappedLayout(widths: widths, columns: 7)
        #expect(layout.starts.count == 8)
        #expect(layout.starts[3] == (row: 0, column: 5))        // the space before "a"
        #expect(layout.starts[4] == (row: 0, column: 6))        // "a" fills the row
        #expect(layout.starts[5] == (row: 1, column: 0))        // "非" wraps
        #expect(layout.starts[7] == (row: 1, column: 4))
        #expect(layout.end == (row: 1, column: 6))
        // With 6 columns "a" itself no longer fits in row 0 and "非" has one column left.
        let narrow = WrappedLayout(widths: widths, columns: 6)
        #expect(narrow.starts[4] == (row: 1, column: 0))
        #expect(narrow.starts[6] == (row: 1, column: 3))
        #expect(narrow.starts[7] == (row: 2, column: 0))             // one column left: "性" wraps
    }

    @Test func anExactlyFullRowPutsTheCursorOnTheNextRow() {
        let layout = WrappedLayout(widths: Array(repeating: 1, count: 10), columns: 5)
        #expect(layout.end == (row: 2, column: 0))
        #expect(layout.cursor(at: 5) == (row: 1, column: 0))
        #expect(layout.cursor(at: 4) == (row: 0, column: 4))
    }
}
