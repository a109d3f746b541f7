import D2L
import Foundation

/// The checkpoint engine behind the interactive tutor's and the grader's `AnswerJudge`:
/// answers are judged against references computed by the library, in the lesson's language.
public final class CheckpointJudge: AnswerJudge, @unchecked Sendable {
    public let course: Course
    public let checker: Checker

    public init(course: Course, checker: Checker = Checker()) {
        self.course = course
        self.checker = checker
    }

    /// The spec of checkpoint `id` in `language`.
    public func spec(_ id: String, language: TutorLanguage) throws -> CheckpointSpec {
        try course.findCheckpoint(id, language: language.rawValue).spec
    }

    /// Judges `answer`; a malformed answer is a `.malformed` judgement (not an attempt).
    /// Throws `LessonError` for a broken checkpoint and `CallError` (interrupted) when
    /// `progress` asked to stop a training run.
    public func judge(checkpoint id: String, answer: String, language: TutorLanguage, progress: JudgeProgress?) throws -> Judgement {
        let spec = try spec(id, language: language)
        let observer = ProgressObserver(progress, epochs: epochs(of: spec))
        let local = Checker(registry: checker.registry, context: checker.context.with(observer: observer))
        switch withExtendedLifetime(observer, { local.check(text: answer, for: spec) }) {
        case let .verdict(v):
            let outcome: Judgement.Outcome = v.outcome == .correct ? .correct : (v.outcome == .saved ? .saved : .incorrect)
            return Judgement(outcome: outcome, lines: v.lines(language), explain: v.explain, modelAnswer: v.modelAnswer,
                             points: v.points, maxPoints: v.maxPoints)
        case let .failure(.malformedAnswer(e)):
            return Judgement(outcome: .malformed, lines: [e.text(language)] + e.caretLines, points: 0, maxPoints: spec.points)
        case let .failure(.brokenCheckpoint(e)):
            throw e
        case .failure(.interrupted):
            throw CallError(language == .zh ? "已中断" : "interrupted", interrupted: true)
        }
    }

    /// The reference as a learner would type it (a choice as `b) text`), or a reflection's model answer.
    public func solution(checkpoint id: String, language: TutorLanguage, progress: JudgeProgress?) throws -> String? {
        let spec = try spec(id, language: language)
        if spec.expect == .reflection { return spec.modelAnswer }
        let observer = ProgressObserver(progress, epochs: epochs(of: spec))
        let local = Checker(registry: checker.registry, context: checker.context.with(observer: observer))
        let reference = try withExtendedLifetime(observer) { try local.reference(for: spec) }
        guard let reference else { return nil }
        if case let .choice(i) = reference, spec.choices.indices.contains(i) {
            return "\(CheckpointSpec.letter(i))) \(spec.choices[i])"
        }
        return reference.fullText
    }

    func epochs(of spec: CheckpointSpec) -> Int {
        if case let .number(x)? = spec.arg("epochs"), x >= 1 { return Int(x) }
        return 10
    }
}

/// Turns the library's per-batch reports into the tutor's progress fractions.
final class ProgressObserver: TrainingObserver {
    let progress: JudgeProgress?
    let epochs: Int

    init?(_ progress: JudgeProgress?, epochs: Int) {
        guard let progress else { return nil }
        self.progress = progress
        self.epochs = max(epochs, 1)
    }

    func batchFinished(epoch: Int, batch: Int, of batches: Int) {
        let fraction = (Double(epoch - 1) + Double(batch) / Double(max(batches, 1))) / Double(epochs)
        progress?.report(fraction: min(max(fraction, 0), 1), label: "epoch \(epoch)/\(epochs)")
    }

    func epochFinished(_ stats: EpochStats) {}
    var shouldStop: Bool { progress?.shouldStop ?? false }
}

extension TutorCourse {
    /// The course as the tutor walks it, from the lessons of `language`.
    public init(course: Course, language: TutorLanguage, name: String) {
        let lessons = course.lessons(in: language.rawValue).map { lesson in
            TutorLesson(id: lesson.id, title: lesson.title, blocks: lesson.blocks.map { block -> TutorLessonBlock in
                switch block {
                case let .prose(markdown, _): return .prose(markdown)
                case let .checkpoint(s):
                    return .checkpoint(TutorCheckpoint(id: s.id, expect: s.expect.rawValue, prompt: s.prompt, hints: s.hints,
                                                       choices: s.choices, call: s.call, points: s.points))
                }
            })
        }
        self.init(name: name, language: language, lessons: lessons)
    }
}

extension CheckpointSpec {
    /// Every `seed` in the arguments (also inside generated values), for grade stamps.
    public var seeds: [UInt64] {
        func collect(_ v: ArgValue) -> [UInt64] {
            switch v {
            case let .map(entries):
                return entries.flatMap { e -> [UInt64] in
                    if e.name == "seed", case let .number(x) = e.value, x >= 0 { return [UInt64(x)] }
                    return collect(e.value)
                }
            case let .list(items): return items.flatMap(collect)
            default: return []
            }
        }
        return collect(.map(args))
    }
}
