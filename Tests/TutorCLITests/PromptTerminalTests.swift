import Foundation
import Testing
import Judging
import Lessons
import Records

/// The prompt and pager on a pseudo-terminal: bracketed paste, `less`'s keys, `reread`.
@Suite(.serialized) struct PromptTerminalTests {
    /// The tutor opened at `place` of `lessons`, in English, recording into `state`.
    private func open(_ place: String, state: String, lessons: String = TutorBinary.fixtureCourse,
                      rows: UInt16 = 24) throws -> PseudoTerminal {
        try PseudoTerminal(arguments: ["open", place, "--lessons", lessons, "--state", state, "--lang", "en"],
                           environment: TutorBinary.environment(), rows: rows)
    }

    /// The answers recorded for checkpoint `id` (of the fixture course unless `course` says otherwise).
    private func attempts(_ state: String, _ id: String, course: String = "course") throws -> [String]? {
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: course)
        let progress = try ProgressStore.decodeProgress(try #require(FileManager.default.contents(atPath: location.file)))
        return progress.checkpoints[id]?.attempts.map(\.answer)
    }

    @Test func aBracketedPasteOverSeveralLinesIsOneAnswer() throws {
        let state = TutorBinary.temporaryFolder("paste")
        let tty = try open("1", state: state)
        #expect(tty.waitFor("answer>"))
        #expect(String(decoding: tty.output, as: UTF8.self).contains("\u{1B}[?2004h"))   // asked the terminal for it
        let mark = tty.mark
        tty.type("\u{1B}[200~array([[0.,\n       2.]])\n\u{1B}[201~\r")
        #expect(tty.waitFor("✔ correct", after: mark))
        tty.type("\u{4}")
        #expect(tty.waitForExit() == 0)
        #expect(try attempts(state, "relu-small") == ["array([[0., 2.]])"])
    }

    @Test func aBracketedPasteOfAFourByFiveNumPyPrintoutIsOneAnswer() throws {
        let lessons = TutorBinary.packageRoot + "/lessons"
        let (_, spec) = try Course.load(directory: lessons).findCheckpoint("relu-random", language: "en")
        let tester = LearnerIdentity(learner: "tester", course: "mlp-from-scratch")   // its X varies per learner
        guard case .array(let result)? = try Judge().reference(for: spec, learner: tester) else {
            Issue.record("relu-random has no array reference")
            return
        }
        #expect(result.shape == [4, 5])
        // As NumPy prints it: one row a line, the rows after the first indented.
        let rows = stride(from: 0, to: 20, by: 5).map { start in
            result.values[start..<start + 5].map { String(format: "%11.8f", $0) }.joined(separator: ",")
        }
        let printout = "array([[" + rows.joined(separator: "],\n       [") + "]])"
        let state = TutorBinary.temporaryFolder("paste-numpy")
        let tty = try open("relu-random", state: state, lessons: lessons)
        var screens = 0
        while !tty.waitFor("answer>", timeout: 3), screens < 10 {   // through the lesson's text
            tty.type("\r")
            screens += 1
        }
        let mark = tty.mark
        tty.type("\u{1B}[200~" + printout + "\n\u{1B}[201~\r")
        #expect(tty.waitFor("✔ correct", after: mark), "\(tty.text.suffix(600))")
        tty.type("\u{4}")
        #expect(tty.waitForExit() == 0)
        #expect(try attempts(state, "relu-random", course: "mlp-from-scratch")?.count == 1)
    }

    @Test func bracketedPasteIsTurnedOffWhenTheTutorIsKilledAtThePrompt() throws {
        let state = TutorBinary.temporaryFolder("paste-off")
        let tty = try open("1", state: state)
        #expect(tty.waitFor("answer>"))
        tty.process.terminate()
        _ = tty.waitForExit()
        let written = String(decoding: tty.output, as: UTF8.self)
        let on = try #require(written.range(of: "\u{1B}[?2004h", options: .backwards))
        #expect(written[on.upperBound...].contains("\u{1B}[?2004l"))
    }

    @Test func aReflectionPastedOverTwoLinesIsOneAnswer() throws {
        let state = TutorBinary.temporaryFolder("paste-reflection")
        let tty = try open("why-nonlinear", state: state)
        #expect(tty.waitFor("answer>"))
        let mark = tty.mark
        tty.type("\u{1B}[200~Without relu the layers\ncollapse into one map.\u{1B}[201~\r")
        #expect(tty.waitFor("✔ your answer is saved", after: mark))
        tty.type("\u{4}")
        #expect(tty.waitForExit() == 0)
        #expect(try attempts(state, "why-nonlinear") == ["Without relu the layers collapse into one map."])
    }

    @Test func aReflectionPastedOverTwoLinesWithoutBracketedPasteIsOneAnswer() throws {
        let state = TutorBinary.temporaryFolder("paste-reflection-plain")
        let tty = try open("why-nonlinear", state: state)
        #expect(tty.waitFor("answer>"))
        var mark = tty.mark
        // A terminal without bracketed paste sends the lines as typed Enters, all at once.
        tty.type("Without relu the layers\r   collapse into one map.\r")
        #expect(tty.waitFor("✔ your answer is saved", after: mark))
        mark = tty.mark
        tty.type("back\r")
        #expect(tty.waitFor("checkpoint why-nonlinear", after: mark))
        mark = tty.mark
        // An Enter with nothing after it answers: a second answer.
        tty.type("First thought\r")
        #expect(tty.waitFor("✔ your answer is saved", after: mark))
        tty.type("\u{4}")
        #expect(tty.waitForExit() == 0)
        #expect(try attempts(state, "why-nonlinear")
                == ["Without relu the layers collapse into one map.", "First thought"])
    }

    @Test func backAfterQShowsTheSkippedTextNotThePreviousLesson() throws {
        let state = TutorBinary.temporaryFolder("pager-back")
        // Lesson 3 of the course: its first step takes several screens of 12 rows.
        let tty = try open("3", state: state, lessons: TutorBinary.packageRoot + "/lessons", rows: 12)
        #expect(tty.waitFor("b back"))
        #expect(!tty.text.contains("func myRelu"))
        var mark = tty.mark
        tty.type("q")
        #expect(tty.waitFor("answer>", after: mark))
        mark = tty.mark
        tty.type("back\r")                                 // the text q skipped, from where it stopped
        var screens = 0
        while !tty.waitFor("checkpoint relu-by-hand", after: mark, timeout: 3), screens < 20 {
            tty.type(" ")
            screens += 1
        }
        var shown = PseudoTerminal.strip(String(decoding: tty.output.suffix(from: tty.output.startIndex + mark), as: UTF8.self))
        #expect(shown.contains("func myRelu"))
        #expect(shown.contains("checkpoint relu-by-hand"))
        #expect(!shown.contains("The hidden layer needs one more ingredient"))   // the screen already read
        #expect(!shown.contains("End of lesson 2"))
        mark = tty.mark
        tty.type("back\r")                                 // all read now: the step before
        screens = 0
        while !tty.waitFor("End of lesson 2", after: mark, timeout: 3), screens < 20 {
            tty.type(" ")
            screens += 1
        }
        #expect(screens < 20)
        shown = PseudoTerminal.strip(String(decoding: tty.output.suffix(from: tty.output.startIndex + mark), as: UTF8.self))
        #expect(!shown.contains("func myRelu"))
        tty.type("\u{4}")
        #expect(tty.waitForExit() == 0)
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
