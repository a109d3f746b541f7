import Testing
@testable import TerminalMarkdown

/// Text is cut into cells scalar by scalar where `standsAlone` allows it, and by Swift's grapheme
/// breaking elsewhere; the cells must be the Characters either way.
@Suite struct TextSegmentationTests {
    /// Every scalar `standsAlone` accepts is its own Character beside ASCII, CJK, itself, and
    /// the scalars around it.
    @Test func scalarsThatStandAloneAreTheirOwnCharacters() {
        var accepted = 0
        for value in UInt32(0)...0x10FFFF {
            guard standsAlone(value), let scalar = Unicode.Scalar(value) else { continue }
            accepted += 1
            let s = String(scalar)
            var neighbours = ["a", "中", "\u{FFFD}", s]
            for near in [value &- 1, value + 1] {
                if let other = Unicode.Scalar(near), standsAlone(near) { neighbours.append(String(other)) }
            }
            for other in neighbours {
                #expect((s + other).count == 2, "U+\(String(value, radix: 16)) then \(other.unicodeScalars.map(\.value))")
                #expect((other + s).count == 2, "\(other.unicodeScalars.map(\.value)) then U+\(String(value, radix: 16))")
            }
        }
        #expect(accepted > 25_000)
        #expect(!standsAlone(0x301) && !standsAlone(0x200D) && !standsAlone(0xAD) && !standsAlone(0x1F1E8))
    }

    @Test func cellsAreTheCharactersOfTheTextWithTheirWidths() {
        let pieces = ["a", " ", "中", "，", "e\u{301}", "\u{301}", "😀", "👩‍👩‍👧", "🇨🇳", "🇨", "❤️", "\u{FFFD}",
                      "한", "\u{1100}\u{1161}", "\u{11A8}", "Ж", "\u{483}", "ｘ", "か\u{3099}", "\u{200D}", "\u{0915}\u{094D}\u{0937}",
                      "\u{AD}", "…", "\u{3000}", "\u{302A}", "\u{0600}", "x"]
        var state: UInt64 = 0x5EED
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<12 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            let made = cells(text, style: .plain)
            #expect(made.map(\.character) == Array(text), "\(text.unicodeScalars.map(\.value))")
            #expect(made.map(\.width) == text.map(characterWidth), "\(text.unicodeScalars.map(\.value))")
            #expect(made.map(\.scalar) == text.map { $0.unicodeScalars.first!.value })
            #expect(displayWidth(text) == text.reduce(0) { $0 + characterWidth($1) })
        }
    }

    @Test func printableASCIIIsToldEightBytesAtATime() {
        let pieces = ["a", " ", "~", "\u{1F}", "\u{7F}", "\u{0}", "é", "中", "\u{80}", "\n", "\t", "Z", "0"]
        var state: UInt64 = 0xA5C11
        for length in 0..<40 {
            for _ in 0..<200 {
                var text = ""
                for _ in 0..<length {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    // Mostly printable, so that long printable runs with one odd byte are common.
                    let roll = Int(state >> 33) % 40
                    text += roll < pieces.count ? pieces[roll] : String(UnicodeScalar(UInt8(0x20 + roll)))
                }
                #expect(isPrintableASCII(text) == text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(Array(text.utf8))")
            }
        }
    }
}
