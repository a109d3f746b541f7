import Foundation
import Testing
@testable import Lessons
@testable import Records

/// Hostile submission files and text: each is refused with a message, nothing crashes.
@Suite struct SubmissionSafetyTests {
    @Test func terminalEscapesAreStrippedFromReportText() {
        let hostile = "ada\u{1B}[2J\u{1B}]0;owned\u{07}\u{1B}[31mred\u{9B}1mx\rtab\tend"
        #expect(ReportText.plain(hostile) == "adaredx tab end")
        #expect(ReportText.plain("two\nlines", keepLineBreaks: true) == "two\nlines")
        #expect(ReportText.plain("two\nlines") == "two lines")
        #expect(ReportText.plain("全角 ａｂｃ") == "全角 ａｂｃ")
    }

    @Test func csvCellsThatLookLikeFormulasAreQuoted() {
        #expect(ReportText.csvField("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(ReportText.csvField("+1") == "\"'+1\"")
        #expect(ReportText.csvField("-2") == "\"'-2\"")
        #expect(ReportText.csvField("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(ReportText.csvField("ada") == "ada")
        #expect(ReportText.csvField("a,b") == "\"a,b\"")
        #expect(ReportText.csvField("\u{1B}[2J=1") == "\"'=1\"")
    }

    @Test func symlinkFifoAndHugeFilesAreRefusedBeforeReading() throws {
        try withTemporaryDirectory("tutor-submissions") { dir in
            let link = dir.appendingPathComponent("answers.yaml").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/etc/passwd")
            #expect(SubmissionLimits.fileProblem(link)?.contains("symbolic link") == true)
            guard case .failure = SubmissionLimits.contents(of: link) else {
                Issue.record("a symlink was read")
                return
            }
            let fifo = dir.appendingPathComponent("fifo.json").path
            #expect(mkfifo(fifo, 0o600) == 0)
            #expect(SubmissionLimits.fileProblem(fifo)?.contains("not a regular file") == true)
            let huge = dir.appendingPathComponent("huge.json").path
            #expect(FileManager.default.createFile(atPath: huge, contents: nil))
            #expect(truncate(huge, off_t(SubmissionLimits.fileBytes + 1)) == 0)
            #expect(SubmissionLimits.fileProblem(huge)?.contains("MB") == true)
            let fine = dir.appendingPathComponent("fine.json").path
            try "{}".write(toFile: fine, atomically: true, encoding: .utf8)
            #expect(SubmissionLimits.fileProblem(fine) == nil)
            #expect((try? SubmissionLimits.contents(of: fine).get()) == Data("{}".utf8))
        }
    }

    @Test func bracketDepthIsCountedWithoutRecursionOutsideStrings() {
        #expect(YAMLBounds.bracketDepth("[[1, 2], [3]]") == 2)
        #expect(YAMLBounds.bracketDepth("\"[[[[\" [1]") == 1)
        let deep = String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000)
        #expect(YAMLBounds.bracketDepth(deep) == 40_000)
    }

    @Test func yamlAliasBombIsRefusedBeforeItExpands() {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        #expect(bomb.utf8.count < 1000)
        #expect(throws: SubmissionLimitError.self) { try SubmissionLimits.loadYAML(bomb) }
    }

    @Test func deeplyNestedYAMLIsRefusedBeforeParsing() {
        let flow = "relu: " + String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000)
        #expect(throws: SubmissionLimitError.self) { try SubmissionLimits.loadYAML(flow) }
        let block = "relu:\n  " + String(repeating: "- ", count: 40_000) + "x\n"
        #expect(throws: SubmissionLimitError.self) { try SubmissionLimits.loadYAML(block) }
        let fine = try? SubmissionLimits.loadYAML("learner: ada\nanswers:\n  relu: [[0, 2], [3, 0]]\n") as? [String: Any]
        #expect(fine?["learner"] as? String == "ada")
    }
}
