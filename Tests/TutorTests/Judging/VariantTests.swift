import Foundation
import Testing
@testable import Judging
@testable import Lessons

/// Checkpoints whose inputs vary per learner (`seed: variant`), on the course in lessons/.
@Suite struct VariantTests {
    static let course = try! Course.load(directory: CourseFiles.lessonsDirectory.path)
    static let ada = LearnerIdentity(learner: "ada", course: course.name)
    static let bob = LearnerIdentity(learner: "bob", course: course.name)

    /// The varied checkpoints of `language` that compute without the data set.
    static func varied(_ language: String) -> [CheckpointSpec] {
        course.lessons(in: language).flatMap(\.checkpoints).filter { $0.isVaried && !"\($0.args)".contains("images") }
    }

    @Test(arguments: CourseFiles.languages) func theCourseVariesFileAndTypedCheckpoints(language: String) {
        let ids = Set(Self.varied(language).map(\.id))
        #expect(ids.isSuperset(of: ["relu-random", "net-seeded", "loss-random", "relu-own-inputs", "net-own-inputs"]), "\(ids.sorted())")
    }

    @Test(arguments: CourseFiles.languages) func twoLearnersGetDifferentInputs(language: String) throws {
        for spec in Self.varied(language) {
            let context = CallContext(sharedEnvironment)
            let mine = try CheckpointExport.inputs(of: spec.variant(for: Self.ada), context: context)
            let theirs = try CheckpointExport.inputs(of: spec.variant(for: Self.bob), context: context)
            let again = try CheckpointExport.inputs(of: spec.variant(for: Self.ada), context: context)
            #expect(mine.map(\.value) == again.map(\.value), "\(spec.id): the same learner gets the same inputs")
            // Every argument drawn per learner differs between the two.
            for (a, b) in zip(mine, theirs) where spec.args.first(where: { $0.name == a.name }).map({ Variant.isVaried($0.value) }) == true {
                #expect(a.value != b.value, "\(language)/\(spec.id): argument \(a.name) is the same for ada and bob")
            }
        }
    }

    @Test(arguments: CourseFiles.languages) func swappedAnswersAreWrongForBoth(language: String) throws {
        let specs = Self.varied(language)
        #expect(!specs.isEmpty)
        for spec in specs {
            let adas = try #require(try sharedJudge.solution(for: spec, learner: Self.ada)).answerText
            let bobs = try #require(try sharedJudge.solution(for: spec, learner: Self.bob)).answerText
            #expect(try sharedJudge.judge(adas, for: spec, learner: Self.ada).outcome == .correct, "\(spec.id)")
            #expect(try sharedJudge.judge(bobs, for: spec, learner: Self.bob).outcome == .correct, "\(spec.id)")
            #expect(try sharedJudge.judge(bobs, for: spec, learner: Self.ada).outcome == .incorrect, "\(spec.id): bob's answer passes for ada")
            #expect(try sharedJudge.judge(adas, for: spec, learner: Self.bob).outcome == .incorrect, "\(spec.id): ada's answer passes for bob")
        }
    }

    @Test func theSeedDependsOnLearnerCourseCheckpointAndArgument() {
        let seed = Variant.seed(for: Self.ada, checkpoint: "relu-random", argument: "X")
        #expect(seed == Variant.seed(for: Self.ada, checkpoint: "relu-random", argument: "X"))
        #expect(seed < 1_000_000_000)
        #expect(seed != Variant.seed(for: Self.bob, checkpoint: "relu-random", argument: "X"))
        #expect(seed != Variant.seed(for: LearnerIdentity(learner: "ada", course: "other"), checkpoint: "relu-random", argument: "X"))
        #expect(seed != Variant.seed(for: Self.ada, checkpoint: "net-seeded", argument: "X"))
        #expect(seed != Variant.seed(for: Self.ada, checkpoint: "relu-random", argument: "W1"))
    }

    @Test func withoutALearnerAVariedCheckpointSaysWhatItNeeds() throws {
        let spec = try #require(Self.course.checkpoint("relu-own-inputs", language: "en")?.spec)
        #expect(throws: JudgeError.self) { try sharedJudge.judge("[[0, 0, 0, 0], [0, 0, 0, 0]]", for: spec) }
        do {
            _ = try sharedJudge.judge("[[0, 0, 0, 0], [0, 0, 0, 0]]", for: spec)
        } catch {
            #expect("\(error)".contains("seed: variant") && "\(error)".contains("03-relu.md"))
        }
    }

    @Test func handComputedInputsStayInTheirRange() throws {
        let spec = try #require(Self.course.checkpoint("relu-own-inputs", language: "en")?.spec)
        var seen = Set<Double>()
        for n in 0..<40 {
            let who = LearnerIdentity(learner: "learner\(n)", course: Self.course.name)
            let x = try #require(try CheckpointExport.inputs(of: spec.variant(for: who), context: CallContext(sharedEnvironment)).first?.value)
            #expect(x.shape == [2, 4])
            #expect(x.values.allSatisfy { $0 >= -5 && $0 <= 5 && $0 == $0.rounded() })
            seen.formUnion(x.values)
        }
        #expect(seen == Set((-5...5).map(Double.init)))   // the whole range is drawn
    }

    @Test func thePromptShowsTheLearnersOwnInputs() throws {
        let spec = try #require(Self.course.checkpoint("relu-own-inputs", language: "zh")?.spec)
        let x = try #require(try CheckpointExport.inputs(of: spec.variant(for: Self.ada), context: CallContext(sharedEnvironment)).first?.value)
        let seen = try sharedJudge.personalized(spec, for: Self.ada)
        #expect(!seen.prompt.contains("{{"))
        #expect(seen.prompt.contains(x.formatted(limit: Int.max)))
        #expect(seen.explain?.contains(x.formatted(limit: Int.max)) == true)
        #expect(try sharedJudge.personalized(spec, for: Self.bob).prompt != seen.prompt)
    }

    /// The explanation shown with a verdict (`tutor check`, `tutor watch`, the session) names the
    /// learner's own inputs, as the prompt does.
    @Test(arguments: CourseFiles.languages) func theVerdictExplainsWithTheLearnersOwnInputs(language: String) throws {
        let spec = try #require(Self.course.checkpoint("relu-own-inputs", language: language)?.spec)
        let x = try #require(try CheckpointExport.inputs(of: spec.variant(for: Self.ada), context: CallContext(sharedEnvironment)).first?.value)
        let answer = try #require(try sharedJudge.solution(for: spec, learner: Self.ada)).answerText
        let verdict = try sharedJudge.judge(answer, for: spec, learner: Self.ada)
        #expect(verdict.outcome == .correct)
        let explain = try #require(verdict.explain)
        #expect(!explain.contains("{{") && explain.contains(x.formatted(limit: Int.max)), "\(explain)")
        #expect(VerdictReport.text(.success(verdict), language: TutorLanguage(rawValue: language) ?? .en).contains(x.formatted(limit: Int.max)))
    }

    @Test func aPlaceholderThatNamesNoArgumentIsALessonError() throws {
        var spec = try #require(Self.course.checkpoint("relu-own-inputs", language: "en")?.spec)
        spec.prompt = "Apply relu to {{Y}}."
        #expect(PromptTemplate.placeholders(in: spec.prompt) == ["Y"])
        let problems = Linter(judge: sharedJudge).lint(spec)
        #expect(problems.contains { $0.message.contains("{{Y}}") && $0.message.contains("X") })
    }
}
