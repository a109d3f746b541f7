import Foundation
import Testing

/// What the tutor writes to a pipe: laid out at `COLUMNS` (80 without it), Markdown shown by its
/// structure, never by its markers (`#`, `**`, backticks), code spans never broken across lines.
@Suite struct PipeOutputTests {
    static let command = "tutor sweep --hiddens 64,128 --lr 0.1"   // 37 columns

    static let lesson = """
        # Reading **tables**

        Run `\(command)` and compare the runs in the table below; a **hidden** layer of `256` units
        is the chapter's *default*, and ~~more~~ fewer epochs are enough for a first look.

        | setup | hidden | test acc |
        | :-- | --: | --: |
        | 1 at a time, 2 workers × 1 BLAS thread | 256 | 0.846 |
        | 2 at a time | 64 | 0.812 |

        ```checkpoint pick-relu
        expect: choice
        prompt: Which function is **ReLU**?
        choices:
          - max(x, 0)
          - min(x, 0)
        answer: a
        explain: relu(x) = max(x, 0).
        ```

        """

    private func course() throws -> String {
        let root = TutorBinary.temporaryFolder("pipe-course")
        try FileManager.default.createDirectory(atPath: root + "/en", withIntermediateDirectories: true)
        try Data(Self.lesson.utf8).write(to: URL(fileURLWithPath: root + "/en/00-tables.md"))
        return root
    }

    private func expectRenderedAt(_ width: Int, _ output: String) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tooWide = lines.filter { Self.columns($0) > width }
        #expect(tooWide.isEmpty, "wider than \(width): \(tooWide)")
        #expect(!output.contains("**") && !output.contains("`") && !output.contains("# Reading"), "\(output)")
        #expect(lines.contains { $0.contains(Self.command) }, "the code span was broken:\n\(output)")
        #expect(lines.contains { $0.hasPrefix("setup") && $0.contains("│") }, "no table:\n\(output)")
    }

    /// Display columns (CJK and the few wide symbols here count 2).
    static func columns(_ line: String) -> Int {
        line.unicodeScalars.reduce(0) { total, scalar in
            total + ((0x1100...0xFFDC).contains(scalar.value) && !(0x2000...0x2BFF).contains(scalar.value) ? 2 : 1)
        }
    }

    /// The lesson's text as the session shows it (up to its checkpoint's prompt).
    @Test func theSessionFollowsCOLUMNS() throws {
        let state = TutorBinary.temporaryFolder("pipe-state")
        let result = try TutorBinary.run(["--lessons", try course(), "--state", state, "--lang", "en"], input: "a\n",
                                         environment: TutorBinary.environment(["COLUMNS": "50"]))
        #expect(result.status == 0, "\(result.err)")
        #expect(!result.out.contains("\u{1B}"))
        let prose = try #require(result.out.components(separatedBy: "Which function").first)
        expectRenderedAt(50, prose)
        #expect(prose.contains("Reading tables\n━━━━━━━━━━━━━━"))
    }

    @Test func showFollowsCOLUMNS() throws {
        let path = TutorBinary.temporaryFolder("pipe-show") + "/tables.md"
        try Data(Self.lesson.components(separatedBy: "```checkpoint")[0].utf8).write(to: URL(fileURLWithPath: path))
        for width in [50, 80] {
            let result = try TutorBinary.run(["show", path], environment: TutorBinary.environment(["COLUMNS": "\(width)"]))
            #expect(result.status == 0, "\(result.err)")
            expectRenderedAt(width, result.out)
        }
    }
}
