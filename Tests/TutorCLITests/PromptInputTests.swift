import Foundation
import Testing
import Lessons
import Records

/// What the learner types at the prompt: a Chinese input method's full-width text, printouts
/// over several lines, answer files, reflections that start with a command word, code
/// checkpoints that only `check` runs.
@Suite(.serialized) struct PromptInputTests {
    private func session(_ input: String, lang: String = "en", open: String? = nil) throws -> (out: String, state: String) {
        let state = TutorBinary.temporaryFolder("prompt")
        let start = open.map { ["open", $0] } ?? []
        let result = try TutorBinary.run(start + ["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", lang],
                                         input: input)
        #expect(result.status == 0, "\(result.err)")
        return (result.out, state)
    }

    private func attempts(_ state: String, _ id: String) throws -> [String] {
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "course")
        let data = try #require(FileManager.default.contents(atPath: location.file))
        return try ProgressStore.decodeProgress(data).checkpoints[id]?.attempts.map(\.answer) ?? []
    }

    @Test func aFullWidthChoiceIsReadAsItsLetterAndTheLearnerIsToldSo() throws {
        let (out, _) = try session("ａ\n", lang: "zh")
        #expect(out.contains("（按半角读取：a）"))
        #expect(out.contains("✔ 正确"))
    }

    @Test func aTensorTypedWithChinesePunctuationIsJudged() throws {
        let (out, state) = try session("【【0，2】】\n", lang: "zh", open: "1")
        #expect(out.contains("（按半角读取：[[0,2]]）"))
        #expect(out.contains("✔ 正确"))
        #expect(try attempts(state, "relu-small") == ["[[0,2]]"])
    }

    @Test func openBracketsContinueTheAnswerOnTheNextLine() throws {
        let (out, state) = try session("[[0.,\n  2.]]\n", open: "1")
        #expect(out.contains("...     "))           // the continuation prompt
        #expect(out.contains("✔ correct"))
        #expect(try attempts(state, "relu-small") == ["[[0., 2.]]"])
    }

    @Test func aCorrectAnswerSaysCorrectOnce() throws {
        let (out, _) = try session("[[0, 2.0000001]]\n", open: "1")
        #expect(out.contains("✔ correct (max abs error"), "\(out)")
        #expect(!out.contains("  correct"))
    }

    @Test func thePathOfAJSONFileIsReadAsTheAnswer() throws {
        let folder = TutorBinary.temporaryFolder("answer-file")
        let path = folder + "/relu.json"
        try Data("[[0, 2]]".utf8).write(to: URL(fileURLWithPath: path))
        let (out, _) = try session(path + "\n", open: "1")
        #expect(out.contains("✔ correct"), "\(out)")
    }

    @Test func aReflectionThatStartsWithOpenIsTheAnswer() throws {
        let (out, state) = try session("open questions remain about depth\n", open: "why-nonlinear")
        #expect(out.contains("✔ your answer is saved"))
        #expect(!out.contains("saved: compare your thoughts"))   // said once, not twice
        #expect(try attempts(state, "why-nonlinear") == ["open questions remain about depth"])
    }

    @Test func theWordOfThePromptIsAnAnswerNotTheSolution() throws {
        let (out, _) = try session("答案\nb\n参考答案\n", lang: "zh")
        let before = out.components(separatedBy: "答案> b").first ?? ""
        #expect(before.contains("无法读取这个答案"))          // read as an answer
        #expect(!out.components(separatedBy: "参考答案").first!.contains("已记录为查看过"))
        #expect(out.contains("答案（已记录为查看过）"))       // the other word shows it, after an attempt
    }

    @Test func theSolutionOfAChoiceIsRenderedMarkdown() throws {
        let (out, _) = try session("b\nsolution\n")
        #expect(out.contains("  a) max(x, 0)"))
        #expect(!out.contains("`max(x, 0)`"))
    }

    @Test func aWrongShapeIsWrittenAsTheCourseWritesShapes() throws {
        let (out, _) = try session("[1, 2, 3]\n", open: "1")
        #expect(out.contains("expected shape (1, 2), got (3,)"), "\(out)")
    }

    @Test func lessonsAreCountedAsAReaderCountsThem() throws {
        let (out, _) = try session("", open: "1")
        #expect(out.contains("lesson 1 · 2 of 2"))
    }

    @Test func textAtACodeCheckpointIsNotACheck() throws {
        let state = TutorBinary.temporaryFolder("code")
        let result = try TutorBinary.run(["open", "net-code", "--lessons", TutorBinary.packageRoot + "/lessons", "--state", state,
                                          "--lang", "en", "--workspace", state + "/no-workspace"],
                                         input: "(1,2)\n")
        #expect(result.status == 0, "\(result.err)")
        let after = result.out.components(separatedBy: "answer> (1,2)").last ?? ""
        #expect(after.contains("then type check"), "\(result.out)")
        #expect(!after.contains("✔"))
    }
}
