import Foundation
import Lessons

/// Checks a folder of lessons the way `tutor lint` reports it: every problem as `file:line: message`.
///
/// It checks that each checkpoint's YAML parses into a spec, its call and arguments are known
/// and well formed, its reference and its mistakes compute (training ones on the subsets the
/// lesson gives, through the reference cache), ids are unique across the course, and every
/// lesson exists in every language with the same checkpoint ids.
public struct Linter {
    public let judge: Judge
    /// Told before each checkpoint is computed (for a progress line); may be nil.
    public var onCheckpoint: ((Lesson, CheckpointSpec) -> Void)?

    /// Whose inputs a checkpoint with `seed: variant` is checked with (every learner's
    /// inputs are drawn the same way).
    public static let sampleLearner = LearnerIdentity(learner: "lint", course: "lint")

    public init(judge: Judge = Judge()) {
        self.judge = judge
    }

    /// Every problem in the course folder `directory`, sorted by file and line.
    public func lint(directory: String) -> [LessonError] {
        let course: Course
        do {
            course = try Course.load(directory: directory)
        } catch {
            return [LessonError(SourceLocation(file: directory, line: 0), "\(error)")]
        }
        var problems = strayFiles(course)
        for language in course.languages {
            for lesson in course.lessons[language] ?? [] { problems += lint(lesson) }
            problems += duplicateIDs(course.lessons[language] ?? [])
        }
        problems += crossLanguage(course)
        return problems.sorted { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
    }

    /// Trains the runs the checkpoints of the course in `directory` need and the cache lacks,
    /// `jobs` at a time, one thread each (before `lint`, which then finds them cached); returns
    /// how many. `started(n, of)` is told as run n of them begins. A course that does not load
    /// trains nothing (`lint` reports it).
    public func trainMissingRuns(directory: String, jobs: Int, started: @Sendable (Int, Int) -> Void) -> Int {
        guard let course = try? Course.load(directory: directory) else { return 0 }
        let specs = course.languages.flatMap { course.lessons(in: $0).flatMap(\.checkpoints) }
            .map { $0.variant(for: Self.sampleLearner) }
        let runs = judge.missingRuns(specs)
        let count = runs.count
        judge.train(runs, jobs: jobs) { started($0 + 1, count) }
        return count
    }

    /// The problems of one lesson: parse errors, title, and each checkpoint's reference and mistakes.
    public func lint(_ lesson: Lesson) -> [LessonError] {
        var problems = lesson.errors
        if !lesson.markdown.contains(where: { _ in true }) || !lesson.blocks.contains(where: { if case .prose = $0 { return true } else { return false } }) {
            problems.append(LessonError(SourceLocation(file: lesson.file, line: 1), "the lesson has no text"))
        }
        if lesson.title == lesson.id {
            problems.append(LessonError(SourceLocation(file: lesson.file, line: 1), "the lesson has no title: start it with a heading (# Title)"))
        }
        for spec in lesson.checkpoints {
            onCheckpoint?(lesson, spec)
            problems += lint(spec)
        }
        return problems
    }

    /// The problems of one checkpoint: its call and arguments, its reference, its mistakes.
    public func lint(_ spec: CheckpointSpec) -> [LessonError] {
        var problems: [LessonError] = []
        let spec = spec.variant(for: Self.sampleLearner)
        do {
            _ = try judge.personalized(spec, for: Self.sampleLearner)
        } catch let JudgeError.brokenCheckpoint(e) {
            problems.append(e)
        } catch {
            problems.append(LessonError(spec.location, "\(error)"))
        }
        let registry = judge.registry
        func at(_ line: Int?) -> SourceLocation { SourceLocation(file: spec.location.file, line: line ?? spec.location.line) }
        for entry in spec.args + spec.mistakes.flatMap(\.args) + (spec.code?.cases.flatMap { $0 } ?? [])
        where !CheckpointExport.isArgumentName(entry.name) {
            problems.append(LessonError(at(entry.line > 0 ? entry.line : spec.keyLines["args"]),
                "argument name '\(entry.name)' is not an identifier (letters, digits and _, not starting with a digit); `tutor export` names a file after it"))
        }
        if let call = spec.call {
            if let d = registry.definitions[call], d.isMistake {
                problems.append(LessonError(spec.location(ofKey: "call"), "`\(call)` computes a typical mistake; the reference must come from a library call (use it under `mistakes:`)"))
            }
        }
        if let code = spec.code {
            return problems + lint(spec, code)
        }
        var reference: ReferenceValue?
        do {
            reference = try judge.reference(for: spec)
            if case let .array(a)? = reference, let bad = a.values.firstIndex(where: { !$0.isFinite }) {
                problems.append(LessonError(spec.location(ofKey: "call"),
                    "the reference holds \(formatNumber(a.values[bad])) at \(Messages.index(a.index(ofFlat: bad))): a learner cannot type it; choose other args"))
            }
        } catch let e as LessonError {
            problems.append(e)
        } catch {
            problems.append(LessonError(spec.location, "\(error)"))
        }
        for m in spec.mistakes {
            if let call = m.call {
                if spec.expect == .choice, spec.call == nil {
                    problems.append(LessonError(at(m.line), "a keyed choice's mistakes name a letter (`answer: c`), not a call"))
                    continue
                }
                do {
                    try registry.checkArgumentNames(call, m.args)
                    if let wrong = try judge.mistakeResult(m, of: spec), let reference, AnswerMatch.accepts(wrong, as: reference, for: spec) {
                        problems.append(LessonError(at(m.line), "mistake: its answer \(wrong.fullText) is accepted as correct "
                                                    + "(the reference is \(reference.fullText)), so its message never shows: "
                                                    + "tighten the tolerance or drop the mistake"))
                    }
                } catch let e as CallError {
                    problems.append(LessonError(at(e.line ?? m.line), "mistake: \(e.message)"))
                } catch let e as LessonError {
                    problems.append(e)
                } catch {
                    problems.append(LessonError(at(m.line), "mistake: \(error)"))
                }
            } else if let answer = m.answer, answer == spec.answer {
                problems.append(LessonError(at(m.line), "this mistake names the right answer (\(CheckpointSpec.letter(answer)))"))
            }
        }
        return problems
    }

    /// The problems of a code checkpoint: every case's inputs and reference, and every mistake
    /// on every case. Builds and runs nothing.
    func lint(_ spec: CheckpointSpec, _ code: CodeSpec) -> [LessonError] {
        var problems: [LessonError] = []
        for index in code.cases.indices {
            do {
                _ = try judge.runnerInputs(spec, code, case: index)
                let reference = try judge.reference(spec, code, case: index)
                if let bad = reference.values.firstIndex(where: { !$0.isFinite }) {
                    problems.append(LessonError(SourceLocation(file: spec.location.file, line: judge.caseLine(spec, code, index)),
                        "case \(index + 1): the reference holds \(formatNumber(reference.values[bad])); choose other arguments"))
                }
                for m in spec.mistakes {
                    if m.call == nil {
                        problems.append(LessonError(SourceLocation(file: spec.location.file, line: m.line),
                                                    "a code checkpoint's mistakes name a call, not a letter"))
                        continue
                    }
                    _ = try judge.matchingMistake(spec, code, case: index, given: reference, only: m)
                }
            } catch {
                problems.append(error as? LessonError ?? LessonError(spec.location, "\(error)"))
            }
        }
        return problems
    }

    func duplicateIDs(_ lessons: [Lesson]) -> [LessonError] {
        var seen: [String: SourceLocation] = [:]
        var problems: [LessonError] = []
        for lesson in lessons {
            for spec in lesson.checkpoints {
                if let first = seen[spec.id] {
                    problems.append(LessonError(spec.location, "checkpoint id '\(spec.id)' is already used at \(first); ids must be unique across the course"))
                } else {
                    seen[spec.id] = spec.location
                }
            }
        }
        return problems
    }

    /// Every lesson in every language, with the same checkpoint ids in the same order.
    func crossLanguage(_ course: Course) -> [LessonError] {
        var problems: [LessonError] = []
        let languages = course.languages
        guard languages.count > 1 else { return [] }
        let byLanguage = languages.map { lang in Dictionary((course.lessons[lang] ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        let allIDs = Set(byLanguage.flatMap(\.keys)).sorted()
        for id in allIDs {
            let present = languages.indices.filter { byLanguage[$0][id] != nil }
            guard let first = present.first, let model = byLanguage[first][id] else { continue }
            for i in languages.indices where byLanguage[i][id] == nil {
                problems.append(LessonError(SourceLocation(file: model.file, line: 1),
                                            "lesson \(id).md has no \(languages[i]) version (expected \(course.directory)/\(languages[i])/\(id).md)"))
            }
            for i in present.dropFirst() {
                guard let other = byLanguage[i][id] else { continue }
                let a = model.checkpoints.map(\.id), b = other.checkpoints.map(\.id)
                guard a != b else { continue }
                for spec in other.checkpoints where !a.contains(spec.id) {
                    problems.append(LessonError(spec.location, "checkpoint '\(spec.id)' is not in \(model.file)"))
                }
                for spec in model.checkpoints where !b.contains(spec.id) {
                    problems.append(LessonError(SourceLocation(file: other.file, line: 1),
                                                "checkpoint '\(spec.id)' (\(spec.location)) is missing here"))
                }
                if Set(a) == Set(b) {
                    problems.append(LessonError(SourceLocation(file: other.file, line: 1),
                                                "the checkpoints are in another order than in \(model.file): \(b.joined(separator: ", ")) vs \(a.joined(separator: ", "))"))
                }
                // Kinds must agree too, or a grade would mean different things per language.
                for spec in other.checkpoints {
                    if let twin = model.checkpoints.first(where: { $0.id == spec.id }), twin.expect != spec.expect || twin.call != spec.call {
                        problems.append(LessonError(spec.location, "checkpoint '\(spec.id)' differs from \(twin.location) (expect/call must be the same in every language)"))
                    }
                }
            }
            for i in present.dropFirst() {
                guard let other = byLanguage[i][id], other.checkpoints.map(\.id) == model.checkpoints.map(\.id) else { continue }
                for (spec, twin) in zip(other.checkpoints, model.checkpoints) where twin.expect != spec.expect || twin.call != spec.call || twin.args != spec.args {
                    problems.append(LessonError(spec.location, "checkpoint '\(spec.id)' differs from \(twin.location): expect, call and args must be the same in every language"))
                }
            }
        }
        return problems
    }

    /// Markdown files in a language folder that are not named like lessons.
    func strayFiles(_ course: Course) -> [LessonError] {
        var problems: [LessonError] = []
        for language in course.languages {
            let dir = (course.directory as NSString).appendingPathComponent(language)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for name in entries.sorted() where name.hasSuffix(".md") && !Course.isLessonFileName(name) {
                problems.append(LessonError(SourceLocation(file: (dir as NSString).appendingPathComponent(name), line: 1),
                                            "not a lesson file name: lessons are NN-slug.md (e.g. 03-relu.md)"))
            }
        }
        return problems
    }
}
