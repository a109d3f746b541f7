import Foundation
import Testing
import Lessons
import Records

/// The prompt and pager on a pseudo-terminal: bracketed paste, `less`'s keys, `reread`.
@Suite(.serialized) struct PromptTerminalTests {
    @Test func aBracketedPasteOverSeveralLinesIsOneAnswer() throws {
        let state = TutorBinary.temporaryFolder("paste")
        let tty = try PseudoTerminal(arguments: ["open", "1", "--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"],
                                     environment: TutorBinary.environment())
        #expect(tty.waitFor("answer>"))
        #expect(String(decoding: tty.output, as: UTF8.self).contains("\u{1B}[?2004h"))   // asked the terminal for it
        let mark = tty.mark
        tty.type("\u{1B}[200~array([[0.,\n       2.]])\n\u{1B}[201~\r")
        #expect(tty.waitFor("✔ correct", after: mark))
        tty.type("\u{4}")
        #expect(tty.waitForExit() == 0)
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "course")
        let progress = try ProgressStore.decodeProgress(try #require(FileManager.default.contents(atPath: location.file)))
        #expect(progress.checkpoints["relu-small"]?.attempts.map(\.answer) == ["array([[0., 2.]])"])
    }

    @Test func bracketedPasteIsTurnedOffWhenTheTutorIsKilledAtThePrompt() throws {
        let state = TutorBinary.temporaryFolder("paste-off")
        let tty = try PseudoTerminal(arguments: ["open", "1", "--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"],
                                     environment: TutorBinary.environment())
        #expect(tty.waitFor("answer>"))
        tty.process.terminate()
        _ = tty.waitForExit()
        let written = String(decoding: tty.output, as: UTF8.self)
        let on = try #require(written.range(of: "\u{1B}[?2004h", options: .backwards))
        #expect(written[on.upperBound...].contains("\u{1B}[?2004l"))
    }

    @Test func aReflectionPastedOverTwoLinesIsOneAnswer() throws {
        let state = TutorBinary.temporaryFolder("paste-reflection")
        let tty = try PseudoTerminal(arguments: ["open", "why-nonlinear", "--lessons", TutorBinary.fixtureCourse, "--state", state,
                                                 "--lang", "en"], environment: TutorBinary.environment())
        #expect(tty.waitFor("answer>"))
        let mark = tty.mark
        tty.type("\u{1B}[200~Without relu the layers\ncollapse into one map.\u{1B}[201~\r")
        #expect(tty.waitFor("✔ your answer is saved", after: mark))
        tty.type("\u{4}")
        #expect(tty.waitForExit() == 0)
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "course")
        let progress = try ProgressStore.decodeProgress(try #require(FileManager.default.contents(atPath: location.file)))
        #expect(progress.checkpoints["why-nonlinear"]?.attempts.map(\.answer) == ["Without relu the layers collapse into one map."])
    }

    @Test func thePagerGoesBackWithBAndRereadShowsWhatQSkipped() throws {
        let state = TutorBinary.temporaryFolder("pager")
        // 12 rows: the lesson's text takes several screens.
        let tty = try PseudoTerminal(arguments: ["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"],
                                     environment: TutorBinary.environment(), rows: 12)
        #expect(tty.waitFor("b back"))
        var mark = tty.mark
        tty.type(" ")                                       // Space: the next screen
        #expect(tty.waitFor("b back", after: mark))
        #expect(!PseudoTerminal.strip(String(decoding: tty.output.suffix(from: tty.output.startIndex + mark), as: UTF8.self))
            .contains("Line 1 of a long"))
        mark = tty.mark
        tty.type("b")                                       // back to the first screen
        #expect(tty.waitFor("Line 1 of a long", after: mark))
        mark = tty.mark
        tty.type("q")                                       // to the checkpoint
        #expect(tty.waitFor("answer>", after: mark))
        #expect(!PseudoTerminal.strip(String(decoding: tty.output.suffix(from: tty.output.startIndex + mark), as: UTF8.self)).contains("Line 30 of a long"))
        mark = tty.mark
        tty.type("reread\r")                                // the skipped text is still there
        #expect(tty.waitFor("Line 1 of a long", after: mark))
        tty.type("q")
        #expect(tty.waitFor("answer>", after: mark))
        tty.type("\u{4}")
        #expect(tty.waitForExit() == 0)
    }
}
