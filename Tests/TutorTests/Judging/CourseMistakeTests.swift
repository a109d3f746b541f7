import D2L
import Foundation
import Testing
@testable import Judging
@testable import Lessons

/// Every number or tensor checkpoint refuses the answers its mistakes compute, and names the
/// mistake. Training checkpoints are checked the same way by `tutor lint lessons` (release build,
/// cached; `make test` runs it), whose lint refuses a mistake the checkpoint accepts.
@Suite struct CourseMistakeTests {
    /// Three learners: checkpoints with `seed: variant` draw other inputs for each.
    static let learners = ["ada", "bob", "lint"].map { LearnerIdentity(learner: $0, course: "mlp") }

    @Test(arguments: CourseFiles.languages) func everyDeclaredMistakeIsRejectedWithItsMessage(language: String) throws {
        let course = try Course.load(directory: CourseFiles.lessonsDirectory.path)
        let judge = Judge(environment: CallEnvironment(dataDirectory: nil, cache: nil))
        var checked = 0, coinciding = 0
        for lesson in course.lessons(in: language) {
            for spec in lesson.checkpoints where [.number, .tensor, .integer].contains(spec.expect) {
                if CourseLintAndRenderTests.trains(spec) { continue }
                if !realDataInstalled, "\(spec.args)".contains("images") { continue }
                let varied = spec.isVaried
                for learner in varied ? Self.learners : [Self.learners[0]] {
                    guard let reference = try judge.reference(for: spec, learner: learner) else {
                        Issue.record("\(language) \(spec.id): no reference"); continue
                    }
                    for m in spec.mistakes where m.call != nil {
                        guard case let .array(wrong)? = try judge.mistakeResult(m, of: spec, learner: learner) else {
                            Issue.record("\(language) \(spec.id): mistake at line \(m.line) computes no tensor"); continue
                        }
                        let verdict = try judge.judge(answer: .array(wrong), for: spec, learner: learner)
                        if AnswerMatch.accepts(.array(wrong), as: reference, for: spec) {
                            // Only a learner's own inputs may make a mistake coincide with the answer.
                            #expect(varied, "\(language) \(spec.id): the mistake at line \(m.line) is accepted")
                            #expect(verdict.isCorrect && verdict.mistake == nil)
                            coinciding += 1
                            continue
                        }
                        #expect(verdict.outcome == .incorrect, "\(language) \(spec.id): the mistake at line \(m.line) is accepted")
                        #expect(verdict.mistake != nil, "\(language) \(spec.id): the mistake at line \(m.line) is not named")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked >= 30 && coinciding < checked / 10, "\(checked) mistakes checked, \(coinciding) coinciding")
    }

    /// Lessons 06–08 (training, prediction, exercises): every number or tensor checkpoint has two
    /// graded hints and a diagnosed mistake at least, and every choice a diagnosed wrong letter.
    @Test(arguments: CourseFiles.languages) func theTrainingLessonsHintAndDiagnose(language: String) throws {
        let course = try Course.load(directory: CourseFiles.lessonsDirectory.path)
        var checked = 0
        for lesson in course.lessons(in: language) where ["06", "07", "08"].contains(String(lesson.id.prefix(2))) {
            for spec in lesson.checkpoints where [.number, .tensor, .integer, .choice].contains(spec.expect) {
                if spec.expect != .choice {
                    #expect(spec.hints.count >= 2, "\(language) \(spec.id): \(spec.hints.count) hints")
                }
                #expect(!spec.mistakes.isEmpty, "\(language) \(spec.id) diagnoses no mistake")
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    /// relu-grad: the explanation states the gradient the library computes, 0.5 at the tie.
    @Test func reluGradientExplanationMatchesTheLibrary() throws {
        let X = Variable(Tensor([[-2.0, 0.0, 3.0, -0.5, 1.5]]), requiresGrad: true)
        relu(X).sum().backward()
        #expect(X.grad?.scalars == [0, 0.5, 1, 0, 1])
        for language in CourseFiles.languages {
            let explain = try CourseFiles.spec(language, "03-relu.md", "relu-grad")["explain"] as? String ?? ""
            #expect(explain.contains("[[0, 0.5, 1, 0, 1]]"), "\(language): \(explain)")
        }
    }

    /// init-requires-grad (key: None): PyTorch leaves .grad of a scaled randn None (the fixture
    /// written by scripts/pytorch_reference.py), and fills it for an nn.Parameter.
    @Test func requiresGradKeyMatchesPyTorch() throws {
        let url = CourseFiles.packageRoot.appendingPathComponent("Tests/D2LTests/Fixtures/pytorch_reference.json")
        let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let leaf = try #require(fixture?["leaf"] as? [String: Bool])
        #expect(leaf["scaled_is_leaf"] == false && leaf["scaled_grad_is_none"] == true && leaf["scaled_grad_warns"] == true)
        #expect(leaf["parameter_is_leaf"] == true && leaf["parameter_grad_is_none"] == false)
        for language in CourseFiles.languages {
            let key = try CourseFiles.keyedChoice(language, "02-parameters.md", "init-requires-grad") ?? ""
            #expect(key.hasPrefix("None"), "\(language): key \(key)")
        }
    }

    /// init-ones-w1-grad's explanation: all ones, W1's first gradient is 0; after one SGD step
    /// it is not, but its columns are equal.
    @Test func allOnesGradientIsZeroOnlyAtTheFirstStep() throws {
        let start = MLPParameters(weights: [Tensor.ones([4, 3]), Tensor.ones([3, 3])], biases: [Tensor.zeros([3]), Tensor.zeros([3])])
        let X = Tensor([[0.2, 0.9, 0.4, 0], [1, 0, 0.5, 0.3]]), y = [0, 2]
        let first = lossGradients(start, X, y)
        #expect(first.weights[0].scalars.allSatisfy { abs($0) < 1e-6 })
        var after = start
        after.weights = zip(start.weights, first.weights).map { $0 - $1 * 0.1 }
        after.biases = zip(start.biases, first.biases).map { $0 - $1 * 0.1 }
        let second = lossGradients(after, X, y).weights[0]
        #expect(second.scalars.contains { abs($0) > 1e-4 }, "\(second)")
        for row in 0..<4 {
            let values = Array(second.scalars[(row * 3)..<(row * 3 + 3)])
            #expect(values.max()! - values.min()! < 1e-6, "row \(row): \(values)")
        }
    }
}
