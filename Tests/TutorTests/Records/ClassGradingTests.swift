import Foundation
import Testing
@testable import Judging
@testable import Lessons
@testable import Records

/// Grading a class: the credit policy, the item analysis, shards and their merge, and
/// identical answers on a checkpoint whose inputs vary per learner.
@Suite struct ClassGradingTests {
    /// One lesson: a varied relu (2 points, two mistakes) and a fixed shape question.
    static let lesson: Lesson = {
        let markdown = """
            # Relu

            ```checkpoint own-relu
            call: relu
            args:
              X: {randint: [2, 3], low: -4, high: 5, seed: variant}
            expect: tensor
            points: 2
            prompt: relu of your X = {{X}}
            mistakes:
              - call: relu_identity
                message: negatives kept
              - call: relu_abs
                message: absolute value
            ```

            ```checkpoint w1-shape
            call: shape
            args:
              of: W1
              inputs: 784
              hiddens: [256]
              outputs: 10
            expect: shape
            prompt: the shape of W1
            ```
            """
        return LessonParser.parse(markdown: markdown, file: "/course/en/01-relu.md", language: "en")
    }()
    static let course = "class"

    func grader(_ policy: CreditPolicy = .full) -> Grader {
        Grader(lessons: [Self.lesson], judge: sharedJudge, policy: policy, courseID: Self.course)
    }

    func spec(_ id: String) -> CheckpointSpec { Self.lesson.checkpoints.first { $0.id == id }! }

    /// The right answer of `learner` to the varied checkpoint.
    func rightAnswer(_ learner: String) throws -> String {
        try #require(try sharedJudge.solution(for: spec("own-relu"), learner: LearnerIdentity(learner: learner, course: Self.course))).answerText
    }

    /// `count` learners: most right, some wrong by a mistake, some malformed, two copying.
    func classSubmissions(_ count: Int) throws -> [Submission] {
        try (0..<count).map { n in
            let name = "learner\(n)"
            var own: String
            switch n % 5 {
            case 1: own = "[[1, 2, 3]]"                             // wrong shape
            case 2: own = "[[0, 0,, 1], [2, 3, 4]]"                 // malformed
            default: own = try rightAnswer(name)
            }
            if n == 3 { own = try rightAnswer("learner0") }         // copied from learner0
            return Submission(learner: name, source: "/subs/\(name).yaml", answers: [
                "own-relu": SubmittedAnswer(answer: own, attempts: 1 + n % 3, hintsUsed: n % 2),
                "w1-shape": SubmittedAnswer(answer: n % 4 == 0 ? "(256, 784)" : "(784, 256)"),
            ])
        }
    }

    @Test func thePolicyTakesHintsAttemptsAndTheSolutionIntoAccount() throws {
        let policy = CreditPolicy(perExtraAttempt: 0.25, perHint: 0.1, solutionViewed: 0, minimum: 0.2)
        #expect(policy.factor(attempts: 1, hints: 0, solutionViewedFirst: false) == 1)
        #expect(abs(policy.factor(attempts: 1, hints: 2, solutionViewedFirst: false) - 0.8) < 1e-12)
        #expect(abs(policy.factor(attempts: 2, hints: 1, solutionViewedFirst: false) - 0.65) < 1e-12)
        #expect(policy.factor(attempts: 9, hints: 9, solutionViewedFirst: false) == 0.2)
        #expect(policy.factor(attempts: 1, hints: 0, solutionViewedFirst: true) == 0)
        let answer = SubmittedAnswer(answer: try rightAnswer("ada"), attempts: 1, hintsUsed: 3)
        let row = grader(policy).grade(Submission(learner: "ada", source: "ada.yaml", answers: ["own-relu": answer])).checkpoints[0]
        #expect(row.outcome == .correct && abs(row.points - 1.4) < 1e-9 && row.hintsUsed == 3)
    }

    @Test func aPolicyFileIsReadAndItsMistakesAreNamed() throws {
        let dir = NSTemporaryDirectory() + "policy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "per_hint: 0.1\nsolution_viewed: 0\n".write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let policy = try CreditPolicy.load(file: dir + "/p.yaml", base: .partial)
        #expect(policy == CreditPolicy(perExtraAttempt: 0.25, perHint: 0.1, solutionViewed: 0, minimum: 0.25))
        try "per_hints: 0.1\n".write(toFile: dir + "/typo.yaml", atomically: true, encoding: .utf8)
        #expect { try CreditPolicy.load(file: dir + "/typo.yaml") } throws: { "\($0)".contains("per_hint") && "\($0)".contains("typo.yaml") }
        try "per_hint: 10\n".write(toFile: dir + "/big.yaml", atomically: true, encoding: .utf8)
        #expect { try CreditPolicy.load(file: dir + "/big.yaml") } throws: { "\($0)".contains("between 0 and 1") }
    }

    @Test func aPolicyFileOfAliasesIsRefusedBeforeItIsExpanded() throws {
        let dir = NSTemporaryDirectory() + "policy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // About a million values from 400 bytes: each level ten aliases of the one before.
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...5 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        try yaml.write(toFile: dir + "/bomb.yaml", atomically: true, encoding: .utf8)
        #expect { try CreditPolicy.load(file: dir + "/bomb.yaml") } throws: {
            "\($0)".contains("bomb.yaml") && "\($0)".contains("more than \(SubmissionLimits.yamlValues) values")
        }
        try (String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)).write(toFile: dir + "/deep.yaml", atomically: true, encoding: .utf8)
        #expect { try CreditPolicy.load(file: dir + "/deep.yaml") } throws: { "\($0)".contains("deep.yaml") && "\($0)".contains("nested") }
    }

    @Test func copiedAnswersFailAndAreFlagged() throws {
        let report = grader().grade(try classSubmissions(6))
        let copier = report.submissions[3].checkpoints[0]
        #expect(copier.outcome == .incorrect)
        #expect(copier.answersInputsOf == "learner0")
        #expect(copier.message.contains("learner0"))
        #expect(report.submissions[0].checkpoints[0].outcome == .correct)
        #expect(report.submissions[0].checkpoints[0].sameAnswerAs == ["learner3"])
        #expect(report.identicalAnswers == [IdenticalAnswers(checkpoint: "own-relu", learners: ["learner0", "learner3"])])
        // Learners with their own right answers share nothing.
        #expect(report.submissions[5].checkpoints[0].sameAnswerAs.isEmpty)
        // The fixed checkpoint is not compared across learners.
        #expect(report.submissions.allSatisfy { $0.checkpoints[1].answerDigest == nil })
    }

    @Test func theItemAnalysisCountsRightAnswersAttemptsMistakesAndMalformedAnswers() throws {
        var submissions = try classSubmissions(10)
        // Two learners keep the negatives: the misconception the analysis must name.
        for n in [4, 9] {
            let who = LearnerIdentity(learner: "learner\(n)", course: Self.course)
            let x = try #require(CheckpointExport.inputs(of: spec("own-relu").variant(for: who), context: CallContext(sharedEnvironment)).first?.value)
            submissions[n].answers["own-relu"]?.answer = x.formatted(limit: Int.max)
        }
        let analysis = ItemAnalysis(grader().grade(submissions))
        #expect(analysis.submissions == 10)
        let relu = try #require(analysis.items.first { $0.checkpoint == "own-relu" })
        // right: 0, 5, 8 (1 and 6: wrong shape; 2 and 7: malformed; 3: copied; 4 and 9: negatives kept)
        #expect(relu.shareRight == 0.3)
        #expect(relu.misconceptions.first == ItemAnalysis.Count(text: "relu_identity", learners: 2))
        #expect(relu.malformedAnswers == [ItemAnalysis.Count(text: "[[0, 0,, 1], [2, 3, 4]]", learners: 2)])
        #expect(relu.medianAttempts == 2)   // attempts 1 + n % 3: four 1s, three 2s, three 3s
        let shape = try #require(analysis.items.first { $0.checkpoint == "w1-shape" })
        #expect(shape.shareRight == 0.7)
        #expect(analysis.table().contains("misconception: relu_identity (2)"))
        #expect(analysis.json().contains("\"share_right\""))
    }

    @Test(arguments: [1, 3, 4]) func shardsMergeIntoTheSingleRun(count: Int) throws {
        let submissions = try classSubmissions(12)
        let single = grader().grade(submissions, workers: 2)
        let parts = (0..<count).map { k in
            let part = grader().grade(submissions, workers: 1, shard: GradeShard(index: k, count: count))
            return (name: "part-\(k).json", report: try! GradeJSON.decoder().decode(GradeReport.self, from: Data(part.json().utf8)))
        }
        #expect(parts.map(\.report.submissions.count).reduce(0, +) == 12)
        #expect(parts.allSatisfy { $0.report.identicalAnswers.isEmpty })      // found only once all are in
        let merged = try GradeReport.merge(parts.reversed())
        #expect(merged == single)
        #expect(merged.json() == single.json())
        // The copy, and the same wrong answer from learners 1, 6 and 11.
        #expect(merged.identicalAnswers == [IdenticalAnswers(checkpoint: "own-relu", learners: ["learner0", "learner3"]),
                                            IdenticalAnswers(checkpoint: "own-relu", learners: ["learner1", "learner11", "learner6"])])
    }

    @Test func mergeRefusesMissingRepeatedAndForeignShards() throws {
        let submissions = try classSubmissions(6)
        func part(_ k: Int, of n: Int, _ g: Grader? = nil) -> (name: String, report: GradeReport) {
            ("part-\(k)-of-\(n).json", (g ?? grader()).grade(submissions, workers: 1, shard: GradeShard(index: k, count: n)))
        }
        #expect { try GradeReport.merge([part(0, of: 3), part(2, of: 3)]) } throws: { "\($0)".contains("missing shard 1/3") }
        #expect { try GradeReport.merge([part(0, of: 2), part(0, of: 2), part(1, of: 2)]) } throws: { "\($0)".contains("also in") }
        #expect { try GradeReport.merge([part(0, of: 2), part(1, of: 3)]) } throws: { "\($0)".contains("split into") }
        #expect { try GradeReport.merge([part(0, of: 2), part(1, of: 2, grader(.partial))]) } throws: { "\($0)".contains("policy") }
        #expect { try GradeReport.merge([("whole.json", grader().grade(submissions))]) } throws: { "\($0)".contains("not a partial one") }
        #expect(GradeShard(parsing: "4/4") == nil && GradeShard(parsing: "-1/4") == nil && GradeShard(parsing: "1/0") == nil)
        #expect(GradeShard(parsing: "3/4") == GradeShard(index: 3, count: 4))
    }

    @Test func theJSONReportUsesSnakeCaseKeys() throws {
        let json = grader(.partial).grade(try classSubmissions(4)).json()
        for key in ["\"max_points\"", "\"hints_used\"", "\"solution_viewed_first\"", "\"unknown_ids\"", "\"per_extra_attempt\"",
                    "\"variant_learner\"", "\"identical_answers\"", "\"answers_inputs_of\"", "\"total_submissions\""] {
            #expect(json.contains(key), "\(key)")
        }
        let keys = json.split(separator: "\n").compactMap { line -> String? in
            guard let colon = line.range(of: "\" : ") else { return nil }
            return String(line[..<colon.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        #expect(keys.allSatisfy { !$0.contains(where: \.isUppercase) } , "\(keys.filter { $0.contains(where: \.isUppercase) })")
    }
}
