import Foundation
import Testing
import Judging
import Lessons
import Records
import TerminalMarkdown
#if canImport(Glibc)
import Glibc
#endif

/// `tutor progress`, `tutor reset`, `tutor list`, and the terminal after SIGTERM.
@Suite(.serialized) struct ProgressCommandsTests {
    func tutor(_ arguments: [String], state: String, input: String = "", lang: String = "en") throws -> (status: Int32, out: String, err: String) {
                return try TutorBinary.run(arguments + ["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", lang], input: input)
    }

    @Test func progressSummarisesAndResetAsksFirst() throws {
        let state = TutorBinary.temporaryFolder("reset")
        #expect(try tutor(["progress"], state: state).out.contains("No progress yet"))
        // pick-relu wrong then right with a hint; pick-shape skipped; lesson 1: relu-small right.
        _ = try tutor([], state: state, input: "c\nhint\na\nskip\n\n[[0, 2]]\n")
        let summary = try tutor(["progress"], state: state)
        #expect(summary.status == 0)
        #expect(summary.out.contains("2 of 4 checkpoints done, 2 answered correctly, 1 hints, 0 solutions viewed"))
        let zh = try tutor(["progress"], state: state, lang: "zh")
        #expect(zh.out.contains("共 4 个检查点，完成 2 个"), "\(zh.out)")   // one progress, whichever language

        // Saying no (or nothing) deletes nothing.
        let declined = try tutor(["reset", "--lesson", "0"], state: state, input: "n\n")
        #expect(declined.out.contains("Delete the progress of lesson 00-start? [y/N]"))
        #expect(declined.out.contains("Nothing deleted."))
        let lessonReset = try tutor(["reset", "--lesson", "start"], state: state, input: "y\n")
        #expect(lessonReset.out.contains("Progress deleted: 2 checkpoint records."))
        #expect(try tutor(["progress"], state: state).out.contains("1 of 4 checkpoints done"))
        let all = try tutor(["reset", "--yes"], state: state)
        #expect(all.status == 0 && all.out.contains("Progress deleted: 1 checkpoint records."))
        #expect(try tutor(["progress"], state: state).out.contains("No progress yet"))
        let unknown = try tutor(["reset", "--lesson", "softmax"], state: state)
        #expect(unknown.status == 2 && unknown.err.contains("No lesson matches softmax"))
    }

    /// A checkpoint a later edition of the course dropped or renamed: its answers stay in the
    /// file, count for nothing, and the summary says so instead of silently losing them.
    @Test func answersToCheckpointsNoLongerInTheCourseAreNamedNotCounted() throws {
        let state = TutorBinary.temporaryFolder("retired")
        _ = try tutor([], state: state, input: "a\n")
        let files = FileManager.default.enumerator(atPath: state)?.compactMap { $0 as? String } ?? []
        let path = state + "/" + (try #require(files.first { $0.hasSuffix("progress.json") }))
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var checkpoints = try #require(json["checkpoints"] as? [String: Any])
        let done = try #require(checkpoints.values.first)
        checkpoints["predict-first-six"] = done
        checkpoints["ex4-tuned-train"] = done
        json["checkpoints"] = checkpoints
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))

        let summary = try tutor(["progress"], state: state)
        #expect(summary.status == 0)
        #expect(summary.out.contains("1 of 4 checkpoints done"), "\(summary.out)")
        #expect(summary.out.replacingOccurrences(of: "\n", with: " ")
                    .contains("Not counted: answers to 2 checkpoints that are no longer in the course (ex4-tuned-train, predict-first-six)"))
        let zh = try tutor(["progress"], state: state, lang: "zh")
        #expect(zh.out.replacingOccurrences(of: "\n", with: "").contains("未计入：2 个检查点已不在课程中（ex4-tuned-train, predict-first-six）"),
                "\(zh.out)")
        let list = try tutor(["list"], state: state)
        #expect(list.status == 0 && list.out.contains("1/2"))
        // In a 50-column terminal every line but the file's path fits, in both languages.
        for lang in ["en", "zh"] {
            let narrow = try TutorBinary.run(["progress", "--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", lang],
                                             environment: TutorBinary.environment(["COLUMNS": "50"]))
            let lines = narrow.out.split(separator: "\n").map(String.init).filter { !$0.hasSuffix("progress.json") }
            #expect(lines.count > 5 && lines.allSatisfy { TextWidth.of($0) <= 50 }, "\(narrow.out)")
            #expect(narrow.out.contains("ex4-tuned-train"))
        }
        // The next answer is saved with the retired records untouched.
        _ = try tutor([], state: state, input: "b\n")
        let kept = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect((kept["checkpoints"] as? [String: Any])?.keys.contains("ex4-tuned-train") == true)
    }

    @Test func listMarksLessonsAndBadFlagsSayWhatIsWrong() throws {
        let state = TutorBinary.temporaryFolder("list")
        _ = try tutor([], state: state, input: "a\nb\n")
        let list = try tutor(["list"], state: state)
        #expect(list.status == 0)
        #expect(list.out.contains("✔  0 Start here") && list.out.contains("2/2"))
        #expect(list.out.contains("·  1 Why a nonlinearity") && list.out.contains("0/2"))
        let badLang = try TutorBinary.run(["list", "--lang", "fr", "--lessons", TutorBinary.fixtureCourse, "--state", state])
        #expect(badLang.status != 0 && badLang.err.contains("--lang fr: expected zh or en"))
        let noLessons = try TutorBinary.run(["list", "--lessons", state + "/nowhere", "--state", state])
        #expect(noLessons.status == 2 && noLessons.err.contains("does not exist"))
        let badOpen = try tutor(["open", "99"], state: state)
        #expect(badOpen.status == 2 && badOpen.err.contains("No lesson matches 99"))
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let state = TutorBinary.temporaryFolder("term")
                let tty = try PseudoTerminal(arguments: ["open", "1", "--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"],
                                     environment: TutorBinary.environment())
        #expect(tty.waitFor("answer>"))
        tty.type("[[0,")
        tty.pump(milliseconds: 200)
        #expect(tty.localFlags & tcflag_t(ICANON) == 0)       // raw mode while the prompt waits
        kill(tty.process.processIdentifier, SIGTERM)
        #expect(tty.waitForExit() == 128 + SIGTERM)
        #expect(tty.localFlags & tcflag_t(ICANON) != 0)
        #expect(tty.localFlags & tcflag_t(ECHO) != 0)
    }
}
