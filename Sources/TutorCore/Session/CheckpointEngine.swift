import D2L
import Foundation

/// A course ready for the tutor: lessons to show, a judge for answers, what grading needs.
public struct LoadedCourse: Sendable {
    public var course: TutorCourse
    public var judge: AnswerJudge
    public var gradedCheckpoints: [GradedCheckpoint]
    public var stamp: GradeStamp
    /// SHA-256 of each lesson file, by lesson id.
    public var lessonHashes: [String: String] { stamp.lessons }

    /// Loads `directory` (`<lang>/NN-slug.md`) in `language` with the checkpoint engine.
    public static func load(directory: String, language: TutorLanguage, checker: Checker = Checker()) throws -> LoadedCourse {
        let source = try Course.load(directory: directory)
        let lessons = source.lessons(in: language.rawValue)
        var hashes: [String: String] = [:]
        var seeds: [String: [UInt64]] = [:]
        var graded: [GradedCheckpoint] = []
        let tutorLessons = lessons.map { lesson -> TutorLesson in
            hashes[lesson.id] = SHA256.hex(FileManager.default.contents(atPath: lesson.file) ?? Data(lesson.markdown.utf8))
            let blocks = lesson.blocks.map { block -> TutorLessonBlock in
                switch block {
                case let .prose(markdown, _): return .prose(markdown)
                case let .checkpoint(spec):
                    let found = spec.args.flatMap { seedValues(name: $0.name, $0.value) }
                    if !found.isEmpty { seeds[spec.id] = found }
                    graded.append(GradedCheckpoint(id: spec.id, lesson: lesson.id, points: spec.points,
                                                   isReflection: spec.expect == .reflection))
                    return .checkpoint(TutorCheckpoint(id: spec.id, expect: spec.expect.rawValue, prompt: spec.prompt,
                                                       hints: spec.hints, choices: spec.choices, call: spec.call,
                                                       points: spec.points))
                }
            }
            return TutorLesson(id: lesson.id, title: lesson.title, blocks: blocks, problems: lesson.errors.map(\.description))
        }
        let course = TutorCourse(name: courseName(directory), language: language, lessons: tutorLessons)
        let stamp = GradeStamp(library: D2LVersion.string, tutor: TutorInfo.version, lessons: hashes, seeds: seeds)
        let judge = EngineJudge(course: source, language: language, checker: checker)
        return LoadedCourse(course: course, judge: judge, gradedCheckpoints: graded, stamp: stamp)
    }

    /// The course's name in the progress folder: the lessons folder's name (the project's own
    /// `lessons` folder is the course `mlp-from-scratch`).
    public static func courseName(_ directory: String) -> String {
        let name = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
        return name == "lessons" || name.isEmpty ? "mlp-from-scratch" : name
    }

    /// Every `seed` in an argument value (generated values carry their own).
    static func seedValues(name: String, _ value: ArgValue) -> [UInt64] {
        switch value {
        case let .number(x) where name == "seed" && x >= 0: return [UInt64(x)]
        case let .list(items): return items.flatMap { seedValues(name: "", $0) }
        case let .map(entries): return entries.flatMap { seedValues(name: $0.name, $0.value) }
        default: return []
        }
    }
}

/// The checkpoint engine (`Checker`) behind the `AnswerJudge` face.
final class EngineJudge: AnswerJudge, @unchecked Sendable {
    let course: Course
    let language: TutorLanguage
    let checker: Checker

    init(course: Course, language: TutorLanguage, checker: Checker) {
        self.course = course
        self.language = language
        self.checker = checker
    }

    private func spec(_ id: String) throws -> CheckpointSpec {
        guard let found = course.checkpoint(id, language: language.rawValue) else {
            throw CheckpointEngineError.unknownCheckpoint(id)
        }
        return found.spec
    }

    func isExpensive(checkpoint id: String) -> Bool {
        guard let spec = try? spec(id) else { return false }
        if spec.expect == .code { return true }   // builds and runs the learner's code: a progress bar, Ctrl-C
        return checker.isExpensive(spec)
    }

    func judge(checkpoint id: String, answer: String, language: TutorLanguage, progress: JudgeProgress?) throws -> Judgement {
        let spec = try spec(id)
        if spec.expect == .code {   // any text at the prompt checks the learner's workspace (issue 7)
            return CodeChecker.judgement(spec, answer: answer, workspace: nil, language: language, progress: progress, checker: checker)
        }
        let parsed: AnswerValue
        do {
            parsed = try AnswerParser.parse(answer, kind: spec.expect, choices: spec.choices)
        } catch let error as AnswerParseError {
            return Judgement(outcome: .malformed, lines: [error.text(language)] + error.caretLines.map { "  " + $0 },
                             maxPoints: spec.points)
        }
        let verdict = try withObserver(progress, spec: spec) { try checker.verdict(answer: parsed, for: spec) }
        let outcome: Judgement.Outcome
        switch verdict.outcome {
        case .correct: outcome = .correct
        case .incorrect: outcome = .incorrect
        case .saved: outcome = .saved
        }
        return Judgement(outcome: outcome, lines: verdict.lines(language), explain: verdict.explain,
                         modelAnswer: verdict.modelAnswer, points: verdict.points, maxPoints: verdict.maxPoints)
    }

    func solution(checkpoint id: String, language: TutorLanguage, progress: JudgeProgress?) throws -> String? {
        let spec = try spec(id)
        if spec.expect == .reflection { return spec.modelAnswer }
        guard let reference = try withObserver(progress, spec: spec, { try checker.reference(for: spec) }) else { return spec.modelAnswer }
        if case let .choice(index) = reference, spec.choices.indices.contains(index) {
            return "\(CheckpointSpec.letter(index))) \(spec.choices[index])"
        }
        return reference.formatted
    }

    /// How many epochs the checkpoint trains (the registry's default is 10).
    private func epochs(_ spec: CheckpointSpec) -> Int {
        if case let .number(x)? = spec.arg("epochs"), x >= 1 { return Int(x) }
        return 10
    }

    /// Runs `body` with the learner's progress bar as the training observer; an interrupted
    /// run becomes `CheckpointEngineError.interrupted`.
    private func withObserver<T>(_ progress: JudgeProgress?, spec currentSpec: CheckpointSpec, _ body: () throws -> T) throws -> T {
        let bridge = progress.map { TrainingProgressBridge($0, epochs: epochs(currentSpec)) }
        checker.context.observer = bridge
        defer { checker.context.observer = nil }
        do {
            return try body()
        } catch let error as CallError where error.interrupted {
            throw CheckpointEngineError.interrupted
        }
    }
}

/// Errors of the engine face that the session words itself.
public enum CheckpointEngineError: Error, Equatable, CustomStringConvertible {
    case unknownCheckpoint(String)
    /// The learner stopped a long computation.
    case interrupted

    public var description: String {
        switch self {
        case let .unknownCheckpoint(id): return "no checkpoint '\(id)' in these lessons"
        case .interrupted: return "interrupted"
        }
    }
}

/// Turns the library's training callbacks into the tutor's progress reports.
final class TrainingProgressBridge: TrainingObserver {
    let progress: JudgeProgress
    let epochs: Int

    init(_ progress: JudgeProgress, epochs: Int) {
        self.progress = progress
        self.epochs = max(epochs, 1)
    }

    func batchFinished(epoch: Int, batch: Int, of batches: Int) {
        let within = batches > 0 ? Double(batch) / Double(batches) : 0
        // A sweep trains several runs: the fraction restarts with each, the label says where.
        let done = (Double((epoch - 1) % epochs) + within) / Double(epochs)
        progress.report(fraction: done, label: "epoch \(epoch)/\(epochs)")
    }

    func epochFinished(_ stats: EpochStats) {
        progress.report(fraction: Double(((stats.epoch - 1) % epochs) + 1) / Double(epochs),
                        label: String(format: "epoch %d/%d, test acc %.3f", stats.epoch, epochs, stats.testAcc))
    }

    var shouldStop: Bool { progress.shouldStop }
}
