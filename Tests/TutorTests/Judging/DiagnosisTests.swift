import Foundation
import Testing
@testable import Judging
@testable import Lessons

/// How a wrong answer is diagnosed: the patterns a teacher names, and the three policies.
@Suite struct DiagnosisTests {
    static let reference = NDArray(shape: [2, 3], values: [0, 0.5, 2, 3, -1, 0.25])

    static func diagnose(_ values: [Double], shape: [Int] = [2, 3], tolerance: Tolerance = .default) -> Diagnosis {
        let given = NDArray(shape: shape, values: values)
        return Diagnosis.of(given: given, reference: reference,
                            comparison: Comparison.compare(given: given, reference: reference, tolerance: tolerance))
    }

    @Test func patternsAreNamed() {
        #expect(Self.diagnose([0, 50, 200, 300, -100, 25]).pattern == .scaled(factor: 100))
        #expect(Self.diagnose([0, 0.125, 0.5, 0.75, -0.25, 0.0625]).pattern == .scaled(factor: 0.25))
        #expect(Self.diagnose([0, -0.5, -2, -3, 1, -0.25]).pattern == .signFlipped)
        #expect(Self.diagnose([0, 3, 0.5, -1, 2, 0.25], shape: [3, 2]).pattern == .transposed)
        #expect(Self.diagnose([0, 0.5, 2, 4, 0, 1]).pattern == .oneRow(1))
        #expect(Self.diagnose([0, 1.5, 2, 3, 0, 0.25]).pattern == .oneColumn(1))
        #expect(Self.diagnose([0, .nan, 2, .infinity, -1, 0.25]).pattern == .nonFinite(count: 2))
        // ×1.01 is no clean factor; one entry off is no row pattern.
        #expect(Self.diagnose(Self.reference.values.map { $0 * 1.01 }).pattern == nil)
        #expect(Self.diagnose([0, 0.5, 2, 3, -1, 0.3]).pattern == nil)
    }

    @Test func theFirstDifferenceHasADirectionAndTheCountIsKept() {
        let d = Self.diagnose([0, 0.4, 2, 3, -0.5, 0.25])
        #expect(d.firstIndex == [0, 1] && d.direction == .tooLow && d.mismatchCount == 2 && d.count == 6)
        #expect(Self.diagnose([0, 0.6, 2, 3, -1, 0.25]).direction == .tooHigh)
    }

    @Test func aSquareTransposeIsNamedToo() {
        let r = NDArray(shape: [2, 2], values: [1, 2, 3, 4])
        let g = NDArray(shape: [2, 2], values: [1, 3, 2, 4])
        let d = Diagnosis.of(given: g, reference: r, comparison: Comparison.compare(given: g, reference: r, tolerance: .default))
        #expect(d.pattern == .transposed)
    }

    @Test func aFactorThatIsTheReferenceIsNotNamed() {
        // 1 is the reference ÷ 203530: naming the factor would print the reference.
        let r = NDArray(scalar: 203_530), g = NDArray(scalar: 1)
        let c = Comparison.compare(given: g, reference: r, tolerance: .exact)
        #expect(Diagnosis.of(given: g, reference: r, comparison: c).pattern == nil)
        let text = DiagnosisMessages.verdictText(c, given: g, reference: r, kind: .integer, feedback: .diagnostic)
        #expect(text.message.en == "the answer is too low" && text.details.isEmpty)
    }

    @Test func thePoliciesSayAllHowOrNothing() {
        let given = NDArray(shape: [2, 3], values: [0, 50, 200, 300, -100, 25])
        let c = Comparison.compare(given: given, reference: Self.reference, tolerance: .default)
        let full = DiagnosisMessages.verdictText(c, given: given, reference: Self.reference, kind: .tensor, feedback: .full)
        #expect(full.message.en == "element [0, 1]: expected 0.5, got 50 (tolerance 0.0001)")
        #expect(full.details.last?.en == "off by a constant factor: every entry is ×100 the right value")
        let diagnostic = DiagnosisMessages.verdictText(c, given: given, reference: Self.reference, kind: .tensor, feedback: .diagnostic)
        #expect(diagnostic.message.en == "off by a constant factor: every entry is ×100 the right value")
        #expect(diagnostic.details.map(\.en) == ["the first entry that differs is [0, 1]: too high",
                                                 "5 of 6 entries differ (tolerance 0.0001)"])
        #expect(diagnostic.message.zh == "差一个常数倍：每个元素都是正确值的 ×100")
        let none = DiagnosisMessages.verdictText(c, given: given, reference: Self.reference, kind: .tensor, feedback: FeedbackPolicy.none)
        #expect(none.message == DiagnosisMessages.recorded && none.details.isEmpty)
    }

    @Test func examModeRecordsWithoutSayingRightOrWrong() throws {
        let s = try #require(spec("call: relu\nargs: {X: [[-1.0, 2.0]]}\nexpect: tensor\nfeedback: none\nprompt: p\nmistakes:\n  - call: relu_identity\n    message: kept the negatives"))
        #expect(s.feedback == .none)
        for answer in ["[[0, 2]]", "[[-1, 2]]", "[[5, 5]]"] {
            let v = try sharedJudge.judge(answer, for: s)
            #expect(v.recordsOnly && v.message == DiagnosisMessages.recorded && v.details.isEmpty)
            #expect(VerdictReport.text(.success(v), language: .en) == "• recorded")
            #expect(VerdictReport.exitCode(.success(v)) == 0)
            #expect(!VerdictReport.json(.success(v), checkpoint: "x", language: .en).contains("correct"))
        }
        // Grading still knows.
        #expect(try sharedJudge.judge("[[0, 2]]", for: s).outcome == .correct)
        #expect(try sharedJudge.judge("[[-1, 2]]", for: s).mistake?.call == "relu_identity")
    }

    @Test func fullFeedbackShowsTheReferenceAndItsJSON() throws {
        let s = try #require(spec("call: relu\nargs: {X: [[-1.0, 2.0]]}\nexpect: tensor\nfeedback: full\nprompt: p"))
        let v = try sharedJudge.judge("[[0, 3]]", for: s)
        #expect(v.message.en == "element [0, 1]: expected 2, got 3 (tolerance 0.0001)")
        #expect(VerdictReport.json(.success(v), checkpoint: "x", language: .en).contains("\"reference\""))
    }
}

/// `feedback:` in a checkpoint and in `course.yaml`.
@Suite struct FeedbackPolicySpecTests {
    @Test func aCheckpointNamesItsPolicyAndABadOneIsAnErrorAtItsLine() throws {
        #expect(spec("call: relu\nargs: {X: [[1.0]]}\nexpect: tensor\nprompt: p")?.feedback == .diagnostic)
        #expect(spec("call: relu\nargs: {X: [[1.0]]}\nexpect: tensor\nfeedback: full\nprompt: p")?.feedback == .full)
        let lesson = LessonParser.parse(markdown: "# T\n\n```checkpoint cp\ncall: relu\nargs: {X: [[1.0]]}\nexpect: tensor\nfeedback: ful\nprompt: p\n```\n",
                                        file: "t.md", language: "en")
        #expect(lesson.errors.first?.description == "t.md:7: unknown feedback 'ful'; use one of full, diagnostic, none (did you mean 'full'?)")
    }

    @Test func theCourseSetsTheDefaultAndACheckpointOverridesIt() throws {
        let dir = temporaryDirectory("course-yaml")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/en", withIntermediateDirectories: true)
        try "feedback: none\n".write(toFile: dir + "/course.yaml", atomically: true, encoding: .utf8)
        try "# L\n\n```checkpoint a\ncall: relu\nargs: {X: [[1.0]]}\nexpect: tensor\nprompt: p\n```\n\n```checkpoint b\ncall: relu\nargs: {X: [[1.0]]}\nexpect: tensor\nfeedback: full\nprompt: p\n```\n"
            .write(toFile: dir + "/en/01-l.md", atomically: true, encoding: .utf8)
        let course = try Course.load(directory: dir)
        #expect(course.settings.feedback == .none)
        #expect(course.lessons(in: "en")[0].checkpoints.map(\.feedback) == [.none, .full])

        try "feedback: loud\n".write(toFile: dir + "/course.yaml", atomically: true, encoding: .utf8)
        #expect(throws: CourseError.badSettings(LessonError(SourceLocation(file: dir + "/course.yaml", line: 1),
                                                            "`feedback:` is one of full, diagnostic, none"))) {
            try Course.load(directory: dir)
        }
        try "\nfeedbak: full\n".write(toFile: dir + "/course.yaml", atomically: true, encoding: .utf8)
        #expect(throws: CourseError.self) { try Course.load(directory: dir) }
    }
}
