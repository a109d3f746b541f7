import Foundation
import Testing
import Judging
import Lessons
import Records

/// Per-learner inputs from the session to the grader, and sharded grading, with the built binary.
@Suite(.serialized) struct ClassGradingCommandTests {
    /// A course of one lesson: a relu on inputs drawn per learner, then a fixed shape question.
    func makeCourse() throws -> String {
        let course = TutorBinary.temporaryFolder("varied") + "/lessons"
        try FileManager.default.createDirectory(atPath: course + "/en", withIntermediateDirectories: true)
        try """
            # Your own relu

            Each learner gets their own X.

            ```checkpoint own-relu
            call: relu
            args:
              X: {randint: [2, 3], low: -4, high: 5, seed: variant}
            expect: tensor
            prompt: Apply relu to your X = {{X}}.
            mistakes:
              - call: relu_identity
                message: The negatives are still there.
            ```

            ```checkpoint w1-shape
            call: shape
            args:
              of: W1
              inputs: 784
              hiddens: [256]
              outputs: 10
            expect: shape
            prompt: The shape of W1?
            ```
            """.write(toFile: course + "/en/00-relu.md", atomically: true, encoding: .utf8)
        return course
    }

    func run(_ arguments: [String], learner: String = "tester", input: String = "") throws -> (status: Int32, out: String, err: String) {
        // `grade merge` reads reports, not lessons: it takes no --lang.
        let language = arguments.starts(with: ["grade", "merge"]) ? [] : ["--lang", "en"]
        return try TutorBinary.run(arguments + language, input: input, environment: TutorBinary.environment(["TUTOR_LEARNER": learner]))
    }

    /// The learner's X as `tutor export` writes it, and relu of it as an answer.
    func exported(_ course: String, learner: String) throws -> (x: [[Int]], answer: String) {
        let out = TutorBinary.temporaryFolder("export-\(learner)")
        let export = try run(["export", "own-relu", "--format", "json", "--out", out, "--lessons", course], learner: learner)
        #expect(export.status == 0, "\(export.err)")
        let x = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/X.json"))) as? [[Double]])
            .map { $0.map { Int($0) } }
        let answer = "[" + x.map { "[" + $0.map { String(max($0, 0)) }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        return (x, answer)
    }

    @Test func twoLearnersGetTheirOwnInputsAndTheGraderAgreesWithEachSession() throws {
        let course = try makeCourse()
        let state = TutorBinary.temporaryFolder("varied-state")
        let ada = try exported(course, learner: "ada"), bob = try exported(course, learner: "bob")
        #expect(ada.x != bob.x)
        for (name, mine) in [("ada", ada), ("bob", bob)] {
            let session = try run(["--lessons", course, "--state", state], learner: name, input: mine.answer + "\n(784, 256)\n")
            #expect(session.status == 0)
            // The prompt shows this learner's X, and the session accepts their own answer.
            let shown = "[" + mine.x.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
            #expect(session.out.contains(shown), "\(name): the prompt does not show \(shown)")
            #expect(session.out.contains("✔ correct"))
        }
        // A course folder named `lessons` is the course mlp-from-scratch.
        let progress = ["ada", "bob"].map { "\(state)/\($0)/mlp-from-scratch/progress.json" }
        let graded = try run(["grade"] + progress + ["--lessons", course, "--format", "json"])
        #expect(graded.status == 0, "\(graded.err)")
        let report = try GradeJSON.decoder().decode(GradeReport.self, from: Data(graded.out.utf8))
        #expect(report.submissions.map(\.variantLearner) == ["ada", "bob"])
        #expect(report.submissions.allSatisfy { $0.checkpoints.first?.outcome == .correct && $0.checkpoints.first?.correctAt != nil })

        // Swapped answers: wrong for both; graded beside ada's own progress, the report says whose
        // inputs the copies answer.
        let folder = TutorBinary.temporaryFolder("swapped")
        try "learner: ada\nown-relu: \"\(bob.answer)\"\n".write(toFile: folder + "/ada.yaml", atomically: true, encoding: .utf8)
        try "learner: bob\nown-relu: \"\(ada.answer)\"\n".write(toFile: folder + "/bob.yaml", atomically: true, encoding: .utf8)
        try "learner: cat\nown-relu: \"\(ada.answer)\"\n".write(toFile: folder + "/cat.yaml", atomically: true, encoding: .utf8)
        let swappedRun = try run(["grade", folder, progress[0], "--lessons", course, "--format", "json"])
        let swapped = try GradeJSON.decoder().decode(GradeReport.self, from: Data(swappedRun.out.utf8))
        let rows = Dictionary(uniqueKeysWithValues: swapped.submissions.map { (($0.source as NSString).lastPathComponent, $0.checkpoints.first) })
        #expect(rows["ada.yaml"]??.outcome == .incorrect && rows["bob.yaml"]??.outcome == .incorrect)
        #expect(rows["cat.yaml"]??.outcome == .incorrect && rows["progress.json"]??.outcome == .correct)
        #expect(rows["bob.yaml"]??.answersInputsOf == "ada" && rows["cat.yaml"]??.answersInputsOf == "ada")
        #expect(rows["bob.yaml"]??.message.contains("identical to the right answer of ada") == true)
        #expect(swapped.identicalAnswers == [IdenticalAnswers(checkpoint: "own-relu", learners: ["ada", "bob", "cat"])])
        let table = try run(["grade", folder, progress[0], "--lessons", course])
        #expect(table.out.contains("identical answers to own-relu (inputs differ per learner): ada, bob, cat"))
    }

    /// Bob types Ada's answer at his own prompt: the session judges it wrong, and grading both
    /// progress files says whose inputs it answers.
    @Test func anAnswerCopiedAtThePromptFailsAndTheGraderSaysWhoseInputsItAnswers() throws {
        let course = try makeCourse()
        let state = TutorBinary.temporaryFolder("copied-state")
        let ada = try exported(course, learner: "ada")
        let own = try run(["--lessons", course, "--state", state], learner: "ada", input: ada.answer + "\n")
        #expect(own.out.contains("✔ correct"), "\(own.out)")
        let copied = try run(["--lessons", course, "--state", state], learner: "bob", input: ada.answer + "\n")
        #expect(copied.out.contains("✘") && !copied.out.contains("✔ correct"), "\(copied.out)")
        let progress = ["ada", "bob"].map { "\(state)/\($0)/mlp-from-scratch/progress.json" }
        let graded = try run(["grade"] + progress + ["--lessons", course, "--format", "json"])
        #expect(graded.status == 0, "\(graded.err)")
        let report = try GradeJSON.decoder().decode(GradeReport.self, from: Data(graded.out.utf8))
        let rows = report.submissions.map { $0.checkpoints.first { $0.id == "own-relu" } }
        #expect(rows[0]?.outcome == .correct && rows[0]?.sameAnswerAs == ["bob"] && rows[0]?.answersInputsOf == nil)
        #expect(rows[1]?.outcome == .incorrect && rows[1]?.answersInputsOf == "ada" && rows[1]?.sameAnswerAs == ["ada"])
        #expect(rows[1]?.message.contains("identical to the right answer of ada") == true, "\(rows[1]?.message ?? "")")
        #expect(report.identicalAnswers == [IdenticalAnswers(checkpoint: "own-relu", learners: ["ada", "bob"])])
    }

    @Test func shardsGradedAsConcurrentProcessesMergeIntoTheSingleRun() throws {
        let course = try makeCourse()
        let folder = TutorBinary.temporaryFolder("class")
        let answers = ["[[0, 1, 2], [3, 4, 0]]", "[[1, 2]]", "[[0, 0,, 1]]", "(784, 256)"]
        for n in 0..<24 {
            try "own-relu: \"\(answers[n % 3])\"\nw1-shape: \"\(n % 4 == 0 ? "(256, 784)" : answers[3])\"\n"
                .write(toFile: folder + "/learner\(n).yaml", atomically: true, encoding: .utf8)
        }
        let single = try run(["grade", folder, "--lessons", course, "--format", "json", "--jobs", "2"])
        #expect(single.status == 0)
        let count = 4
        let parts = (0..<count).map { folder + "/../part-\($0).json" }
        let results = Results(count)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            results.set(k, try? run(["grade", folder, "--lessons", course, "--shard", "\(k)/\(count)", "--output", parts[k], "--jobs", "1"]))
        }
        for k in 0..<count {
            let result = try #require(results.get(k))
            #expect(result.status == 0, "\(result.err)")
            #expect(result.out.contains("shard \(k)/\(count): graded"))
        }
        let merged = try run(["grade", "merge"] + parts.reversed() + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.err)")
        #expect(merged.out == single.out)
        let summary = try run(["grade", "merge"] + parts + ["--summary"])
        #expect(summary.out.contains("item analysis of 24 graded submissions"))
        #expect(summary.out.contains("malformed: [[0, 0,, 1]] (8)"))
        let missing = try run(["grade", "merge"] + parts.dropLast())
        #expect(missing.status == 2 && missing.err.contains("missing shard 3/4"))
        let badShard = try run(["grade", folder, "--lessons", course, "--shard", "4/4", "--output", parts[0]])
        #expect(badShard.status == 2 && badShard.err.contains("0 ≤ K < N"))
    }
}

/// Results written by concurrent test threads.
private final class Results: @unchecked Sendable {
    private var values: [(status: Int32, out: String, err: String)?]
    private let lock = NSLock()
    init(_ count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: (status: Int32, out: String, err: String)?) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> (status: Int32, out: String, err: String)? { lock.withLock { values[index] } }
}
