import Testing
@testable import TerminalMarkdown

#if canImport(Glibc)
import Glibc
#endif

@Suite struct DisplayWidthTests {
    @Test func wideAndNarrowCharactersHaveTheirColumns() {
        #expect(displayWidth("hello") == 5)
        #expect(displayWidth("激活函数") == 8)
        #expect(displayWidth("，。（）") == 8)          // full-width punctuation
        #expect(displayWidth("ＡＢ") == 4)              // full-width Latin
        #expect(displayWidth("e\u{301}") == 1)          // e + combining acute: one cluster, 1 column
        #expect(displayWidth("\u{301}") == 0)
        #expect(displayWidth("😀") == 2)
        #expect(displayWidth("👩‍👩‍👧") == 2)            // ZWJ sequence: one cluster
        #expect(displayWidth("🇨🇳") == 2)               // flag: regional-indicator pair
        #expect(displayWidth("❤️") == 2)                // text symbol + emoji presentation selector
        #expect(displayWidth("±×÷αβ“”…") == 8)          // East Asian ambiguous: 1 each
        #expect(displayWidth("한글") == 4)
        #expect(displayWidth("\u{1100}\u{1161}\u{11A8}") == 2)  // conjoining jamo L+V+T
        #expect(displayWidth("a\u{200B}b") == 2)        // zero-width space
    }

    @Test func escapeSequencesCountZero() {
        #expect(displayWidth("\u{1B}[1;35mtitle\u{1B}[0m") == 5)
        #expect(displayWidth("\u{1B}]8;;https://d2l.ai\u{1B}\\link\u{1B}]8;;\u{1B}\\") == 4)
        #expect(displayWidth("\u{1B}]8;;x\u{07}中\u{1B}]8;;\u{07}") == 2)
    }

    /// glibc's wcwidth under C.UTF-8 is the oracle for every scalar it knows (Glibc's Swift
    /// module does not export wcwidth, so it is looked up with dlsym). The locale is set for
    /// this thread only (uselocale), so other tests are not affected.
    @Test func agreesWithGlibcWcwidthUnderCUTF8() throws {
        guard let libc = dlopen("libc.so.6", RTLD_NOW), let symbol = dlsym(libc, "wcwidth") else {
            Issue.record("cannot find wcwidth in libc.so.6")
            return
        }
        typealias WcwidthFunction = @convention(c) (Int32) -> Int32
        let wcwidth = unsafeBitCast(symbol, to: WcwidthFunction.self)
        guard let locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) else {
            Issue.record("the C.UTF-8 locale is not available")
            return
        }
        let previous = uselocale(locale)
        defer {
            uselocale(previous)
            freelocale(locale)
        }
        #expect(wcwidth(0x4E2D) == 2, "wcwidth must answer for 中 under C.UTF-8")

        var compared = 0
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            if (0xD800...0xDFFF).contains(value) { continue }
            // East Asian ambiguous, counted 2 by glibc only here; we keep ambiguous at 1 by design.
            if (0x3248...0x324F).contains(value) { continue }
            let expected = wcwidth(Int32(value))
            if expected < 0 { continue }          // controls and scalars glibc does not know
            if value == 0 { continue }            // NUL: 0 in glibc, never reaches the renderer
            compared += 1
            let ours = scalarWidth(value)
            if ours != Int(expected) {
                mismatches.append("U+\(String(value, radix: 16, uppercase: true)): ours \(ours), glibc \(expected)")
            }
        }
        #expect(compared > 250_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(10))")
    }

    @Test func stringWidthIsSumOfClusterWidthsForMixedText() {
        let text = "ReLU（修正线性单元）is max(x, 0)。"
        let sum = text.reduce(0) { $0 + characterWidth($1) }
        #expect(displayWidth(text) == sum)
        #expect(sum == 4 + 2 + 12 + 2 + 2 + 1 + 9 + 2)  // ReLU（修正线性单元）is max(x, 0)。
    }
}
