import Testing
@testable import TerminalMarkdown

@Test func cmarkIsLinked() {
    #expect(CmarkInfo.version.hasPrefix("0."))
}
