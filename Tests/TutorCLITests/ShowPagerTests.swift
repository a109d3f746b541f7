import Foundation
import Testing

private let scriptPath = "/usr/bin/script"
private let haveScript = FileManager.default.isExecutableFile(atPath: scriptPath)

/// `tutor show` on a terminal: run under `script`, which gives the binary a pseudo-terminal as
/// standard output, to check paging, the pager fallback and colour `auto`.
@Suite(.enabled(if: haveScript,
                Comment(rawValue: "needs util-linux's script")))
struct ShowPagerTests {
    /// A document taller than any pseudo-terminal's default 24 rows.
    let longDocument: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-long-\(UUID().uuidString).md")
        let text = (1...60).map { "- line \($0)" }.joined(separator: "\n") + "\n\n[link](https://d2l.ai)\n"
        try? Data(text.utf8).write(to: url)
        return url.path
    }()

    private func onTerminal(_ arguments: [String], environment extra: [String: String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["LINES"] = "24"
        environment["COLUMNS"] = "80"
        environment["TERM"] = "xterm"             // the test runner's may be "dumb"
        environment["NO_COLOR"] = nil
        for (key, value) in extra { environment[key] = value }
        let command = ([TutorBinary.path, "show"] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: scriptPath)
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test func longOutputGoesThroughThePager() throws {
        let output = try onTerminal([longDocument, "--color", "never"], environment: ["PAGER": "sed s/^/paged:/"])
        let lines = output.split(separator: "\n")
        #expect(lines.count >= 61)
        #expect(lines.allSatisfy { $0.hasPrefix("paged:") })
    }

    @Test func noPagerAndShortOutputAreWrittenDirectly() throws {
        let direct = try onTerminal([longDocument, "--color", "never", "--no-pager"], environment: ["PAGER": "sed s/^/paged:/"])
        #expect(!direct.contains("paged:"))
        #expect(direct.hasPrefix("• line 1\n"))
    }

    @Test func aMissingPagerFallsBackToPlainOutput() throws {
        let output = try onTerminal([longDocument, "--color", "never"], environment: ["PAGER": "no-such-pager-here"])
        #expect(output.hasPrefix("• line 1\n"))
        #expect(output.contains("• line 60\n"))
    }

    @Test func autoColourOnATerminalHonoursNoColor() throws {
        let coloured = try onTerminal([longDocument, "--no-pager"], environment: [:])
        #expect(coloured.contains("\u{1B}[1;36m"))
        #expect(coloured.contains("\u{1B}]8;;https://d2l.ai\u{1B}\\"), "hyperlinks on a terminal with colour")
        let plain = try onTerminal([longDocument, "--no-pager"], environment: ["NO_COLOR": "1"])
        #expect(!plain.contains("\u{1B}"))
    }
}
