import Foundation
import Testing
import Judging
import Lessons
import Records

/// Credit from every path: one learner answers by the prompt, by `tutor check --answer-file`,
/// by a code check and in the other language, all into one progress that `tutor grade` scores.
@Suite(.serialized) struct CreditEndToEndTests {
    static let lessons = TutorBinary.packageRoot + "/lessons"

    func tutor(_ arguments: [String], state: String) throws -> (status: Int32, out: String, err: String) {
        // The code check builds the workspace: it needs swift on the PATH.
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return try TutorBinary.run(arguments + ["--lessons", Self.lessons, "--state", state],
                                   environment: TutorBinary.environment(["PATH": path]))
    }

    func progress(_ state: String) throws -> LearnerProgress {
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "mlp-from-scratch")
        return try ProgressStore.decodeProgress(try #require(FileManager.default.contents(atPath: location.file)))
    }

    @Test func everyPathRecordsIntoOneProgressThatGradeScores() throws {
        let state = TutorBinary.temporaryFolder("credit")
        let dir = TutorBinary.temporaryFolder("credit-files")

        // 1. At the prompt, in English.
        let tty = try PseudoTerminal(arguments: ["open", "relu-by-hand", "--lessons", Self.lessons, "--state", state, "--lang", "en"],
                                     environment: TutorBinary.environment(), columns: 80)
        // The lesson's text before the checkpoint is paged: Enter, screen after screen.
        var screens = 0
        while !tty.waitFor("answer>", timeout: 3), screens < 10 {
            tty.type("\r")
            screens += 1
        }
        var mark = tty.mark
        tty.type("[[0, 0, 2], [3, 0, 0.5]]\r")
        #expect(tty.waitFor("✔ correct", after: mark), "\(tty.text.suffix(600))")
        mark = tty.mark
        tty.type("quit\r")
        #expect(tty.waitForExit() == 0)

        // 2. By an answer file: the learner's own result for relu-random, saved as JSON.
        let (_, spec) = try Course.load(directory: Self.lessons).findCheckpoint("relu-random", language: "en")
        let tester = LearnerIdentity(learner: "tester", course: "mlp-from-scratch")   // relu-random varies per learner
        let reference = try #require(try Judge().reference(for: spec, learner: tester))
        try reference.fullText.write(toFile: dir + "/relu.json", atomically: true, encoding: .utf8)
        let file = try tutor(["check", "relu-random", "--answer-file", dir + "/relu.json", "--lang", "en"], state: state)
        #expect(file.status == 0, "\(file.out) \(file.err)")

        // A dry run records nothing.
        let dry = try tutor(["check", "init-param-count", "--answer", "203531", "--no-record"], state: state)
        #expect(dry.status == 1 && !dry.out.contains("203530"))
        #expect(try progress(state).checkpoints["init-param-count"] == nil)

        // 3. By a code check, in the workspace that `tutor init` made and the course remembers.
        let initRun = try tutor(["init", dir + "/ws"], state: state)
        #expect(initRun.status == 0, "\(initRun.err)")
        #expect(initRun.out.contains("The course remembers this workspace"))
        let solution = TutorBinary.packageRoot + "/Tests/TutorTests/Fixtures/CodeCheck/solution/Relu.swift"
        try FileManager.default.removeItem(atPath: dir + "/ws/Sources/Exercises/Relu.swift")
        try FileManager.default.copyItem(atPath: solution, toPath: dir + "/ws/Sources/Exercises/Relu.swift")
        let code = try tutor(["check", "relu-code"], state: state)
        #expect(code.status == 0, "\(code.out) \(code.err)")

        // 4. In the other language, typed.
        let chinese = try tutor(["check", "init-param-count", "--answer", "203530", "--lang", "zh"], state: state)
        #expect(chinese.status == 0 && chinese.out.contains("正确"), "\(chinese.out) \(chinese.err)")

        // One progress holds all four, with the same kind of attempt record.
        let saved = try progress(state)
        for id in ["relu-by-hand", "relu-random", "relu-code", "init-param-count"] {
            let record = try #require(saved.checkpoints[id], "\(id) was not recorded")
            #expect(record.status == .done, "\(id)")
            #expect(record.lessonHash != nil && record.attempts.last?.summary != nil, "\(id)")
        }
        #expect(saved.checkpoints["relu-code"]?.attempts.last?.answer == URL(fileURLWithPath: dir + "/ws").standardizedFileURL.path)
        #expect(saved.language == "zh")

        // tutor grade, in an English shell, scores all four from that one progress.
        let grade = try tutor(["grade", "--format", "json", "--lang", "en"], state: state)
        #expect(grade.status == 0, "\(grade.err)")
        let report = try JSONSerialization.jsonObject(with: Data(grade.out.utf8)) as? [String: Any]
        let rows = ((report?["submissions"] as? [[String: Any]])?.first?["checkpoints"] as? [[String: Any]]) ?? []
        let outcomes = Dictionary(rows.compactMap { row in (row["id"] as? String).map { ($0, row["outcome"] as? String) } },
                                  uniquingKeysWith: { a, _ in a })
        for id in ["relu-by-hand", "relu-random", "relu-code", "init-param-count"] {
            #expect(outcomes[id] == "correct", "\(id): \(outcomes[id] ?? nil ?? "missing")")
        }
    }

    @Test func aCheckWhileTheCourseIsOpenSaysItWasNotRecorded() throws {
        let state = TutorBinary.temporaryFolder("credit-locked")
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "mlp-from-scratch")
        let holder = ProgressStore(location: location)
        try holder.lock()
        let run = try tutor(["check", "init-param-count", "--answer", "203530"], state: state)
        #expect(run.status == 0 && run.out.contains("✔ correct"))
        #expect(run.err.contains("Not recorded in your progress: Another tutor (pid \(getpid()))"))
        holder.unlock()
    }
}
