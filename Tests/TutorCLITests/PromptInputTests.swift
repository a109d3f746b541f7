import Foundation
import Testing
import Judging
import Lessons
import Records

/// What the learner types at the prompt: a Chinese input method's full-width text, printouts
/// over several lines, answer files, reflections that start with a command word, code
/// checkpoints that only `check` runs.
@Suite(.serialized) struct PromptInputTests {
    private func session(_ input: String, lang: String = "en", open: String? = nil,
                         lessons: String = TutorBinary.fixtureCourse) throws -> (out: String, state: String) {
        let state = TutorBinary.temporaryFolder("prompt")
        let start = open.map { ["open", $0] } ?? []
        let result = try TutorBinary.run(start + ["--lessons", lessons, "--state", state, "--lang", lang],
                                         input: input)
        #expect(result.status == 0, "\(result.err)")
        return (result.out, state)
    }

    private func attempts(_ state: String, _ id: String, course: String = "course") throws -> [String] {
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: course)
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

    @Test func aPyTorchPrintoutOverSeveralLinesIsOneAnswer() throws {
        let printout = "tensor([[0.0000, 0.0000, 2.0000],\n        [3.0000, 0.0000, 0.5000]])\n"
        let (out, state) = try session(printout, open: "relu-by-hand", lessons: TutorBinary.packageRoot + "/lessons")
        #expect(out.contains("✔ correct"), "\(out)")
        #expect(try attempts(state, "relu-by-hand", course: "mlp-from-scratch")
                == ["tensor([[0.0000, 0.0000, 2.0000], [3.0000, 0.0000, 0.5000]])"])
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

    @Test func thePathOfANpyFileIsReadAsTheAnswer() throws {
        let folder = TutorBinary.temporaryFolder("answer-npy")
        let path = folder + "/relu.npy"
        try NpyFile.write(NDArray(shape: [1, 2], values: [0, 2])).write(to: URL(fileURLWithPath: path))
        let (out, state) = try session(path + "\n", open: "1")
        #expect(out.contains("✔ correct"), "\(out)")
        // Recorded as its contents (grading judges them again), not as a path.
        #expect(try attempts(state, "relu-small") == [ReferenceValue.array(NDArray(shape: [1, 2], values: [0, 2])).fullText])
    }

    @Test(arguments: ["hint: the layers would collapse", "solution of a kind: stack them", "答案 是非线性"])
    func aReflectionThatStartsWithACommandWordIsTheAnswer(text: String) throws {
        let (out, state) = try session(text + "\n", open: "why-nonlinear")
        #expect(out.contains("✔ your answer is saved"), "\(out)")
        #expect(try attempts(state, "why-nonlinear") == [text])
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

    @Test func aVerdictsExplanationIsRenderedMarkdown() throws {
        let (out, _) = try session("b\n", open: "tour-hint-command", lessons: TutorBinary.packageRoot + "/lessons")
        let verdict = try #require(out.components(separatedBy: "answer> b").last)
        #expect(verdict.contains("✔ correct"), "\(out)")
        #expect(verdict.contains("hint shows one hint at a time"), "\(verdict)")
        #expect(!verdict.contains("`"), "\(verdict)")
    }

    @Test func aWrongShapeIsWrittenAsTheCourseWritesShapes() throws {
        let (out, _) = try session("[1, 2, 3]\n", open: "1")
        #expect(out.contains("expected shape (1, 2), got (3,)"), "\(out)")
    }

    @Test func lessonsAreCountedAsAReaderCountsThem() throws {
        let (out, _) = try session("", open: "1")
        #expect(out.contains("lesson 1 · 2 of 2"))
        let (chinese, _) = try session("", lang: "zh", open: "1")
        #expect(chinese.contains("第 1 课 · 2/2"))
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
