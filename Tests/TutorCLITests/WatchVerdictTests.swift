import Foundation
import Testing
import Records
import TerminalMarkdown

/// `tutor watch` on a pseudo-terminal with checks that finish: a passing verdict stays until
/// the next save, a failing one is wrapped at word boundaries. One workspace serves the suite
/// and later runs (in the package's `.build`, so its build is incremental): relu solved, net
/// wrong (no biases), the other exercises still stubs.
@Suite(.serialized) struct WatchVerdictTests {
    /// The workspace, with Relu.swift from the reference solution, Net.swift a wrong one and the
    /// other exercise files as `tutor init` writes them; files are written only when they
    /// differ, to keep its build.
    private func workspace() throws -> String {
        let workspace = TutorBinary.packageRoot + "/.build/tutor-cli-watch-workspace"
        let stubs = TutorBinary.temporaryFolder("watch-stubs") + "/ws"
        for folder in [stubs, workspace] {
            let made = try TutorBinary.run(["init", folder, "--force"])
            #expect(made.status == 0, "\(made.err)")
        }
        let exercises = "/Sources/Exercises/"
        for name in try FileManager.default.contentsOfDirectory(atPath: stubs + exercises) where name.hasSuffix(".swift") {
            let fixtures = TutorBinary.packageRoot + "/Tests/TutorTests/Fixtures/CodeCheck/"
            let source = ["Relu.swift": fixtures + "solution/Relu.swift", "Net.swift": fixtures + "wrong/NetWithoutBias.swift"][name]
                ?? stubs + exercises + name
            let wanted = try String(contentsOfFile: source, encoding: .utf8)
            if (try? String(contentsOfFile: workspace + exercises + name, encoding: .utf8)) != wanted {
                try wanted.write(toFile: workspace + exercises + name, atomically: true, encoding: .utf8)
            }
        }
        return workspace
    }

    /// Watches from checkpoint `id`, recording into `state` (or nothing without one).
    private func watch(_ id: String, workspace: String, columns: UInt16, state: String? = nil) throws -> PseudoTerminal {
        // The check builds the workspace: swift must be on the PATH.
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let record = state.map { ["--state", $0] } ?? ["--no-record"]
        return try PseudoTerminal(arguments: ["watch", id, "--lessons", TutorBinary.packageRoot + "/lessons", "--lang", "en",
                                              "--workspace", workspace, "--interval", "0.1"] + record,
                                  environment: TutorBinary.environment(["PATH": path]), columns: columns)
    }

    private func written(_ tty: PseudoTerminal, after mark: Int) -> String {
        String(decoding: tty.output.suffix(from: tty.output.startIndex + mark), as: UTF8.self)
    }

    @Test func aPassingVerdictStaysOnScreenUntilTheNextSaveAndIsRecorded() throws {
        let workspace = try workspace()
        let state = TutorBinary.temporaryFolder("watch-state")
        let tty = try watch("relu-code", workspace: workspace, columns: 80, state: state)
        // The first check may build the workspace.
        #expect(tty.waitFor("✔ correct", timeout: 600), "\(tty.text.suffix(800))")
        #expect(tty.waitFor("Save a file to go on"))
        #expect(tty.waitFor("for saved files"))
        // Many save intervals pass: from the verdict on, the screen is neither cleared nor moved on.
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline { tty.pump(milliseconds: 100) }
        let all = String(decoding: tty.output, as: UTF8.self)
        let sinceVerdict = try #require(all.range(of: "✔ correct").map { String(all[$0.upperBound...]) })
        #expect(!sinceVerdict.contains("\u{1B}[2J"))
        #expect(!PseudoTerminal.strip(sinceVerdict).contains("── net-code"))
        let mark = tty.mark
        // A save moves on to the next exercise.
        let relu = workspace + "/Sources/Exercises/Relu.swift"
        try String(contentsOfFile: relu, encoding: .utf8).write(toFile: relu, atomically: true, encoding: .utf8)
        #expect(tty.waitFor("── net-code (2/", after: mark))
        tty.type("q")
        #expect(tty.waitForExit() == 0)
        // Recorded in the course's progress, as the prompt and tutor check record.
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "mlp-from-scratch")
        let progress = try ProgressStore.decodeProgress(try #require(FileManager.default.contents(atPath: location.file)))
        let record = try #require(progress.checkpoints["relu-code"])
        #expect(record.status == .done)
        #expect(record.attempts.last?.answer == URL(fileURLWithPath: workspace).standardizedFileURL.path)
    }

    /// The verdict's lines on a screen `columns` wide: from its first line to the seed note.
    private func verdictLines(_ id: String, columns: Int) throws -> [String] {
        let tty = try watch(id, workspace: try workspace(), columns: UInt16(columns))
        #expect(tty.waitFor("keys: h hint", timeout: 600), "\(tty.text.suffix(800))")
        tty.type("q")
        #expect(tty.waitForExit() == 0)
        let lines = tty.text.components(separatedBy: "\n").filter { !$0.isEmpty }   // a line ends in "\r\n"
        guard let first = lines.firstIndex(where: { $0.hasPrefix("✘ ") }) else { return [] }
        let verdict = Array(lines[first...].prefix { !$0.hasPrefix("  random cases") && !$0.hasPrefix("watching") })
        for line in verdict { #expect(TextWidth.of(line) <= columns, "wider than \(columns): \(line)") }
        return verdict
    }

    @Test func aVerdictIsWrappedAtWordBoundaries() throws {
        let verdict = try verdictLines("loss-code", columns: 30)
        // Every word whole: the lines read back as the sentence.
        let words = verdict.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(words == "✘ loss is not written yet: fill in Sources/Exercises/Loss.swift (it still calls todo())")
    }

    @Test func theDescriptionOfAFailingCaseFitsTheWidth() throws {
        let verdict = try verdictLines("net-code", columns: 40)
        #expect(verdict.first == "✘ It looks as if the biases were not")
        #expect(verdict.contains { $0.hasPrefix("  case 1 of 3: X: [[1, -2, 0.5]]") }, "\(verdict)")
    }
}
