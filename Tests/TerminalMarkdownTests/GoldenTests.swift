import Foundation
import Testing
@testable import TerminalMarkdown

/// Golden tests: the fixture documents in English and Chinese, covering every node, rendered
/// plain and in colour (with OSC 8 hyperlinks) at widths 40 and 80, compared byte for byte with
/// the committed expected output in `Fixtures/golden/`.
///
/// To regenerate after an intended change: `UPDATE_GOLDENS=1 swift test --filter GoldenTests`,
/// then read the new files (`cat` shows the colour ones) before committing them.
@Suite struct GoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    static let cases: [(document: String, color: Bool, width: Int)] =
        ["en", "zh"].flatMap { doc in [false, true].flatMap { color in [40, 80].map { (doc, color, $0) } } }

    @Test(arguments: cases.indices)
    func renderedDocumentMatchesGolden(_ index: Int) throws {
        let (document, color, width) = Self.cases[index]
        let source = try String(contentsOf: Self.goldenDirectory.appendingPathComponent("\(document).md"), encoding: .utf8)
        let options = RenderOptions(width: width, color: color, hyperlinks: color)
        let rendered = TerminalRenderer(options: options).render(markdown: source)
        let goldenURL = Self.goldenDirectory.appendingPathComponent("\(document).\(color ? "color" : "plain").\(width).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] != nil {
            try rendered.write(to: goldenURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(rendered == expected, "\(goldenURL.lastPathComponent) differs; see the doc comment to regenerate")
        if rendered != expected {
            let got = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            if let line = zip(got, want).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                Issue.record("first difference at line \(line.offset + 1):\n got: \(line.element.0)\nwant: \(line.element.1)")
            }
        }
    }

    @Test func plainGoldensHaveNoEscapeBytesAndColourOnesDo() throws {
        for width in [40, 80] {
            for document in ["en", "zh"] {
                let plain = try Data(contentsOf: Self.goldenDirectory.appendingPathComponent("\(document).plain.\(width).txt"))
                #expect(!plain.contains(0x1B))
                let colour = try Data(contentsOf: Self.goldenDirectory.appendingPathComponent("\(document).color.\(width).txt"))
                #expect(colour.contains(0x1B))
            }
        }
    }
}
