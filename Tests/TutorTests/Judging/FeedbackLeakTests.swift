import D2L
import Foundation
import Testing
@testable import Judging
@testable import Lessons

/// Under `diagnostic` feedback (the course's default) no wrong answer's verdict shows its
/// reference: not in English, not in Chinese, not in `tutor check --json`.
@Suite struct FeedbackLeakTests {
    /// Numbers in `text` (`-1.5`, `2e-05`, `203530`, `203,530`).
    static func numbers(in text: String) -> [Double] {
        let pattern = try! NSRegularExpression(pattern: #"-?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?"#)
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap {
            Range($0.range, in: text).flatMap { Double(text[$0].replacingOccurrences(of: ",", with: "")) }
        }
    }

    /// The reference entries a learner could copy: not 0 and not a small whole number (those
    /// are also indices, counts and shapes, and say nothing of the answer).
    static func copyable(_ reference: NDArray) -> [Double] {
        reference.values.filter { $0.isFinite && $0 != 0 && !($0 == $0.rounded() && abs($0) < 100) }
    }

    /// Every printed form of `verdict`: the text and the JSON, in both languages.
    static func printed(_ verdict: Verdict, id: String) -> [String] {
        TutorLanguage.allCases.flatMap { language in
            [VerdictReport.text(.success(verdict), language: language),
             VerdictReport.json(.success(verdict), checkpoint: id, language: language)]
        }
    }

    /// A reference entry printed in `texts` (to 1e-5 relative) that the learner did not give
    /// (the JSON repeats the answer, and a transposed answer holds every reference entry).
    static func leak(of reference: NDArray, in texts: [String], given: NDArray? = nil) -> Double? {
        let printed = texts.flatMap(numbers)
        func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-5 * abs(b) }
        return copyable(reference).first { r in
            printed.contains { near($0, r) } && !(given?.values.contains { near($0, r) } ?? false)
        }
    }

    /// Wrong answers of the reference's shape: unrelated values, ±1 %, and the patterns.
    static func wrongAnswers(for r: NDArray) -> [(String, NDArray)] {
        var answers: [(String, NDArray)] = [
            ("unrelated", NDArray(shape: r.shape, values: r.values.indices.map { Double(($0 * 37 + 11) % 19) / 7 - 1.3 })),
            ("+1%", NDArray(shape: r.shape, values: r.values.map { $0 * 1.01 + ($0 == 0 ? 0.01 : 0) })),
            ("-1%", NDArray(shape: r.shape, values: r.values.map { $0 * 0.99 - ($0 == 0 ? 0.01 : 0) })),
            ("×100", NDArray(shape: r.shape, values: r.values.map { $0 * 100 })),
            ("negated", NDArray(shape: r.shape, values: r.values.map { -$0 })),
            ("NaN", NDArray(shape: r.shape, values: [Double.nan] + r.values.dropFirst())),
        ]
        if r.shape.count == 2 {
            let (rows, cols) = (r.shape[0], r.shape[1])
            let t = (0..<cols).flatMap { j in (0..<rows).map { i in r.values[i * cols + j] } }
            answers.append(("transposed", NDArray(shape: [cols, rows], values: t)))
            answers.append(("one row", NDArray(shape: r.shape, values: r.values.enumerated().map { $0 < cols ? $1 * 1.5 + 1 : $1 })))
        }
        return answers
    }

    /// The number, integer and tensor checkpoints of lessons/ in both languages, those that
    /// train networks or those that do not.
    static func courseCheckpoints(training: Bool) throws -> [(language: String, spec: CheckpointSpec)] {
        let course = try Course.load(directory: CourseFiles.lessonsDirectory.path)
        #expect(course.settings.feedback == .diagnostic)
        return course.languages.flatMap { language in
            course.lessons(in: language).flatMap(\.checkpoints)
                // Without a run cache every training run is expensive: that is what trains.
                .filter { [.number, .integer, .tensor].contains($0.expect) && sharedJudge.isExpensive($0, learner: learner) == training }
                .map { (language, $0) }
        }
    }

    /// Checkpoints with `seed: variant` draw this learner's inputs.
    static let learner = LearnerIdentity(learner: "leak-test", course: "mlp-from-scratch")

    /// Judges every wrong answer of `spec`'s reference shape and expects no verdict to show the
    /// reference; returns how many wrong verdicts were looked at.
    static func expectNoLeak(_ spec: CheckpointSpec, language: String, judge: Judge) throws -> Int {
        #expect(spec.feedback == .diagnostic, "\(language)/\(spec.id)")
        guard case let .array(reference)? = try judge.reference(for: spec, learner: learner) else {
            Issue.record("\(language)/\(spec.id): no array reference")
            return 0
        }
        var checked = 0
        for (name, answer) in wrongAnswers(for: reference) {
            let verdict = try judge.judge(answer: .array(answer), for: spec, learner: learner)
            guard verdict.outcome == .incorrect else { continue }   // ±1 % may be inside a loose tolerance
            let leaked = leak(of: reference, in: printed(verdict, id: spec.id), given: answer)
            #expect(leaked == nil, "\(language)/\(spec.id) \(name): shows \(leaked ?? 0)")
            checked += 1
        }
        return checked
    }

    /// Every number, integer and tensor checkpoint of the course whose reference is computed
    /// without training.
    @Test func noDiagnosticVerdictOfTheCourseShowsItsReference() throws {
        let checkpoints = try Self.courseCheckpoints(training: false)
        let checked = try checkpoints.reduce(0) { $0 + (try Self.expectNoLeak($1.spec, language: $1.language, judge: sharedJudge)) }
        #expect(checked >= 60)
    }

    /// The same wording on references of many shapes and sizes (seeded), under the
    /// default tolerance and an exact one.
    @Test func wordingNeverShowsTheReference() throws {
        var generator = SeededRNG(seed: 42)
        for round in 0..<200 {
            let shape: [Int] = [[], [5], [3, 4], [4, 4], [2, 3, 2]][round % 5]
            let count = shape.reduce(1, *)
            let scale = [1e-3, 0.7, 12.5, 4096.0][round % 4]
            let reference = NDArray(shape: shape, values: (0..<count).map { _ in Double.random(in: -scale...scale, using: &generator) })
            let kind: ExpectKind = shape.isEmpty ? .number : .tensor
            for tolerance in [Tolerance.default, .exact] {
                for (name, answer) in Self.wrongAnswers(for: reference) {
                    let c = Comparison.compare(given: answer, reference: reference, tolerance: tolerance)
                    guard !c.isClose else { continue }
                    let text = DiagnosisMessages.verdictText(c, given: answer, reference: reference, kind: kind, feedback: .diagnostic)
                    let lines = ([text.message] + text.details).flatMap { [$0.en, $0.zh] }
                    #expect(Self.leak(of: reference, in: lines, given: answer) == nil, "\(shape) \(name): \(lines)")
                }
            }
        }
    }
}
