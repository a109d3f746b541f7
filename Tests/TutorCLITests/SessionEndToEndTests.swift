import Foundation
import Testing
import Judging
import Lessons
import Records
import TerminalMarkdown
#if canImport(Glibc)
import Glibc
#endif

/// Drives the built binary through a pseudo-terminal, as a learner would.
@Suite(.serialized) struct SessionEndToEndTests {
    func start(state: String, lang: String = "en", columns: UInt16 = 80) throws -> PseudoTerminal {
                return try PseudoTerminal(arguments: ["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", lang],
                                  environment: TutorBinary.environment(), columns: columns)
    }

    func progress(_ state: String) throws -> LearnerProgress {
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "course")
        let data = try #require(FileManager.default.contents(atPath: location.file))
        return try ProgressStore.decodeProgress(data)
    }

    @Test func answeringRightAndWrongWithAHintThenQuittingAndResumingAtTheSamePlace() throws {
        let state = TutorBinary.temporaryFolder("e2e")
        let tty = try start(state: state)
        // The first run starts at lesson 0 and asks nothing: the long text is paged.
        #expect(tty.waitFor("Welcome"))
        #expect(tty.waitFor("more: Space/Enter next screen"))
        #expect(!tty.text.contains("Line 30 of a long"))
        // Enter, screen after screen, until the checkpoint.
        var screens = 1
        while !tty.waitFor("checkpoint pick-relu", timeout: 2), screens < 6 {
            tty.type("\r")
            screens += 1
        }
        #expect(screens >= 2)                              // the long text takes more than one screen
        #expect(tty.text.contains("Line 30 of a long"))
        #expect(tty.waitFor("answer>"))

        var mark = tty.mark
        tty.type("b\r")                                    // wrong
        #expect(tty.waitFor("✘ not yet", after: mark))
        mark = tty.mark
        tty.type("hint\r")
        #expect(tty.waitFor("Hint 1/2", after: mark))
        #expect(tty.waitFor("It keeps the positive numbers.", after: mark))
        mark = tty.mark
        tty.type("solution\r")                             // allowed after one attempt, recorded
        #expect(tty.waitFor("Solution (recorded as viewed)", after: mark))
        mark = tty.mark
        // Edit the line before sending it: type "xa", go left, delete the x.
        tty.type("xa\u{1B}[D\u{1B}[D\u{1B}[3~\r")
        #expect(tty.waitFor("✔ correct", after: mark))
        #expect(tty.waitFor("relu(x) = max(x, 0)", after: mark))   // the explanation
        #expect(tty.waitFor("checkpoint pick-shape", after: mark))
        #expect(tty.waitFor("lesson ", after: mark))              // the progress bars

        mark = tty.mark
        tty.type("a\r")                                    // wrong again, on the second checkpoint
        #expect(tty.waitFor("✘ not yet", after: mark))
        mark = tty.mark
        tty.type("half an answer\u{3}")                    // Ctrl-C drops the line
        #expect(tty.waitFor("(cancelled)", after: mark), "\(tty.text.suffix(600))")
        tty.type("\u{4}")                                  // Ctrl-D leaves
        #expect(tty.waitFor("Progress saved"))
        #expect(tty.waitForExit() == 0)
        // The terminal is back in cooked mode with echo.
        #expect(tty.localFlags & tcflag_t(ECHO) != 0)
        #expect(tty.localFlags & tcflag_t(ICANON) != 0)

        let saved = try progress(state)
        let relu = try #require(saved.checkpoints["pick-relu"])
        #expect(relu.status == .done && relu.attemptCount == 2 && relu.hintsUsed == 1 && relu.solutionViewed)
        #expect(relu.attempts.map(\.answer) == ["b", "a"])
        let shape = try #require(saved.checkpoints["pick-shape"])
        #expect(shape.status == .attempted && shape.attemptCount == 1)
        #expect(saved.position == CoursePosition(lesson: "00-start", step: 1))

        // Resume: the same checkpoint, without the pager for what was read already.
        let again = try start(state: state)
        #expect(again.waitFor("Resuming at lesson 0"))
        #expect(again.waitFor("checkpoint pick-shape"))
        #expect(again.waitFor("answer>"))
        mark = again.mark
        again.type("(b)\r")
        #expect(again.waitFor("✔ correct", after: mark))
        #expect(again.waitFor("End of lesson 0", after: mark))
        mark = again.mark
        again.type("\r")                                   // Enter moves on where nothing is asked
        #expect(again.waitFor("checkpoint relu-small", after: mark))
        #expect(again.waitFor("answer>", after: mark))
        mark = again.mark
        again.type("[[-1, 2]]\r")                          // a typical mistake: named, not just "wrong"
        #expect(again.waitFor("✘ not yet", after: mark))
        #expect(again.waitFor("The negative entry is still there.", after: mark))
        mark = again.mark
        again.type("tensor([[0., 2.]])\r")
        #expect(again.waitFor("✔ correct", after: mark))
        #expect(again.waitFor("checkpoint why-nonlinear", after: mark))
        mark = again.mark
        again.type("back\r")
        #expect(again.waitFor("checkpoint relu-small", after: mark))
        #expect(again.waitFor("Already answered correctly", after: mark))
        again.type("quit\r")
        #expect(again.waitForExit() == 0)
        let resumed = try progress(state)
        #expect(resumed.isDone("pick-shape") && resumed.isDone("relu-small"))
        #expect(resumed.checkpoints["relu-small"]?.attemptCount == 2)
        #expect(resumed.position == CoursePosition(lesson: "01-nonlinear", step: 0))
    }

    @Test func chineseAtFiftyColumnsWithTheCursorOverWideCharacters() throws {
        let state = TutorBinary.temporaryFolder("zh50")
        let tty = try start(state: state, lang: "zh", columns: 50)
        #expect(tty.waitFor("更多：空格/回车"))
        tty.type("q")                                      // stop reading: straight to the checkpoint
        #expect(tty.waitFor("检查点 pick-relu"))
        #expect(tty.waitFor("答案>"))
        // No line of the lesson and panel is wider than 50 columns.
        let shown = tty.text.components(separatedBy: "答案>").first ?? ""
        for line in shown.split(separator: "\n") {
            #expect(TextWidth.of(String(line)) <= 50, "too wide: \(line)")
        }
        var mark = tty.mark
        tty.type("提示\r")                                  // the Chinese command word
        #expect(tty.waitFor("提示 1/2", after: mark))
        mark = tty.mark
        // Type wide characters, move left over them, and insert: the line must read back right.
        tty.type("最大值\u{1B}[D\u{1B}[D是\r")
        // Not a choice: judged wrong, or not readable as a choice; either way answered in Chinese.
        #expect(tty.waitFor("✘ 还不对", after: mark, timeout: 5) || tty.waitFor("无法读取", after: mark, timeout: 5))
        tty.type("\u{4}")
        #expect(tty.waitForExit() == 0)
        let saved = try progress(state)
        #expect(saved.checkpoints["pick-relu"]?.attempts.last?.answer == "最是大值")
    }

    @Test func overAPipeThereAreNoEscapesAndEndOfInputEndsCleanly() throws {
                let state = TutorBinary.temporaryFolder("pipe")
        let result = try TutorBinary.run(["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"],
                                         input: "c\nhint\na\nskip\n")
        #expect(result.status == 0)
        #expect(!result.out.contains("\u{1B}"))
        #expect(result.out.contains("Line 30 of a long"))             // no pager over a pipe
        #expect(result.out.contains("answer> c\n✘ not yet"))          // answers echoed after the prompt
        #expect(result.out.contains("✔ correct"))
        #expect(result.out.contains("checkpoint pick-shape"))
        #expect(result.out.contains("Progress saved"))
        let resumed = try TutorBinary.run(["list", "--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"])
        #expect(resumed.status == 0)
        #expect(resumed.out.contains("◐"))
        #expect(resumed.out.contains("1/2"))
    }
}
