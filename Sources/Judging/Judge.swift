import D2L
import Foundation
import Lessons

/// Why the judge gave no verdict.
public enum JudgeError: Error, Sendable, CustomStringConvertible {
    /// The checkpoint is broken (a lesson bug): where and what.
    case brokenCheckpoint(LessonError)
    /// The learner stopped the long work behind the reference (Ctrl-C).
    case interrupted

    public var description: String {
        switch self {
        case let .brokenCheckpoint(e): return e.description
        case .interrupted: return "interrupted"
        }
    }
}

/// Checks the learner's own code for `expect: code` checkpoints (the LearnerCode target
/// provides it: Judging builds and runs nothing).
public protocol CodeJudging: Sendable {
    /// Builds and runs the learner's function on the checkpoint's cases. `answer` is what was
    /// typed at the prompt or, when grading, the path of the learner's workspace.
    func verdict(for spec: CheckpointSpec, answer: String, judge: Judge, progress: JudgeProgress?) throws -> Verdict
}

/// The one judge: computes every reference through the registry and judges every answer,
/// for the prompt, `tutor check`, `tutor watch`, lint and grading alike. It holds no state of
/// its own beyond what it shares safely (the data and the run cache), so one judge serves
/// many threads; each judgement makes its own call context.
///
/// ```swift
/// let course = try Course.load(directory: "lessons")
/// let judge = Judge()
/// let (_, spec) = try course.findCheckpoint("relu-by-hand", language: "en")
/// let verdict = try judge.judge("[[0, 0, 2], [3, 0, 0.5]]", for: spec)
/// ```
public struct Judge: Sendable {
    public let registry: CallRegistry
    public let environment: CallEnvironment
    /// Checks learner code; nil refuses code checkpoints as broken.
    public let code: CodeJudging?

    public init(registry: CallRegistry = .standard, environment: CallEnvironment = CallEnvironment(), code: CodeJudging? = nil) {
        self.registry = registry
        self.environment = environment
        self.code = code
    }

    /// The same judge with learner code checked by `code`.
    public func checkingCode(with code: CodeJudging) -> Judge {
        Judge(registry: registry, environment: environment, code: code)
    }

    /// A fresh context for one judgement, reporting training to `progress`.
    public func context(_ spec: CheckpointSpec, progress: JudgeProgress?) -> CallContext {
        CallContext(environment, observer: progress.map { TrainingProgress($0, epochs: Self.epochs(of: spec)) })
    }

    /// How many epochs the checkpoint trains (the registry's default is 10).
    static func epochs(of spec: CheckpointSpec) -> Int {
        if case let .number(x)? = spec.arg("epochs"), x >= 1, x < 1e6 { return Int(x) }
        return 10
    }

    // MARK: References

    /// Whether judging `spec` starts long work: learner code to build, or a training run that
    /// is not cached yet (its reference's or a mistake's).
    public func isExpensive(_ spec: CheckpointSpec, learner: LearnerIdentity? = nil) -> Bool {
        let spec = Self.seen(spec, by: learner)
        if spec.expect == .code { return true }
        if let call = spec.call, registry.isExpensive(call, args: spec.args, environment: environment) { return true }
        return spec.mistakes.contains { m in
            guard let call = m.call else { return false }
            return registry.isExpensive(call, args: Self.merged(spec.args, m.args), environment: environment)
        }
    }

    /// The checkpoint's reference (nil for reflections and code).
    public func reference(for spec: CheckpointSpec, learner: LearnerIdentity? = nil, progress: JudgeProgress? = nil) throws -> ReferenceValue? {
        let spec = Self.seen(spec, by: learner)
        return try reference(for: spec, context: context(spec, progress: progress))
    }

    func reference(for spec: CheckpointSpec, context: CallContext) throws -> ReferenceValue? {
        if spec.expect == .reflection || spec.expect == .code { return nil }
        if spec.expect == .choice, let answer = spec.answer { return .choice(answer) }
        guard let call = spec.call else { return nil }
        return try located(spec, key: "call") {
            let result = try registry.run(call, args: spec.args, context: context)
            let selected = try located(spec, key: "output") { try OutputSelection.select(result, output: spec.output, call: call) }
            return try OutputSelection.reference(selected, kind: spec.expect, choices: spec.choices)
        }
    }

    /// The result of mistake `m` of `spec`: the checkpoint's args overridden by the mistake's.
    public func mistakeResult(_ m: Mistake, of spec: CheckpointSpec, learner: LearnerIdentity? = nil,
                              progress: JudgeProgress? = nil) throws -> ReferenceValue? {
        guard let learner else { return try mistakeResult(m, of: spec, context: context(spec, progress: progress)) }
        let seen = spec.variant(for: learner)
        let index = spec.mistakes.firstIndex(of: m)
        return try mistakeResult(index.map { seen.mistakes[$0] } ?? m, of: seen, context: context(seen, progress: progress))
    }

    func mistakeResult(_ m: Mistake, of spec: CheckpointSpec, context: CallContext) throws -> ReferenceValue? {
        if let answer = m.answer { return .choice(answer) }
        guard let call = m.call else { return nil }
        return try located(spec, line: m.line) {
            let result = try registry.run(call, args: Self.merged(spec.args, m.args), context: context)
            let selected: CallResult
            switch result {
            case .history, .runs, .predictions: selected = try OutputSelection.select(result, output: m.output ?? spec.output, call: call)
            default: selected = result   // a mistake call that does not train takes no output
            }
            return try OutputSelection.reference(selected, kind: spec.expect, choices: spec.choices)
        }
    }

    /// The checkpoint with `learner`'s inputs (unchanged without a learner).
    static func seen(_ spec: CheckpointSpec, by learner: LearnerIdentity?) -> CheckpointSpec {
        learner.map(spec.variant(for:)) ?? spec
    }

    /// `base` with the entries of `overrides` replacing those of the same name.
    static func merged(_ base: [ArgEntry], _ overrides: [ArgEntry]) -> [ArgEntry] {
        var args = base
        for a in overrides {
            if let i = args.firstIndex(where: { $0.name == a.name }) { args[i] = a } else { args.append(a) }
        }
        return args
    }

    /// What `solution` shows: the full reference, the right choice, or the model answer.
    public func solution(for spec: CheckpointSpec, learner: LearnerIdentity? = nil, progress: JudgeProgress? = nil) throws -> Solution? {
        let spec = Self.seen(spec, by: learner)
        if spec.expect == .reflection { return spec.modelAnswer.map(Solution.modelAnswer) }
        guard let reference = try guarded(spec, { try self.reference(for: spec, progress: progress) }) else {
            return spec.modelAnswer.map(Solution.modelAnswer)
        }
        if case let .choice(index) = reference, spec.choices.indices.contains(index) {
            return .choice(index, spec.choices[index])
        }
        return .reference(reference)
    }

    // MARK: Verdicts

    /// Judges typed text. A malformed answer is a verdict (`.malformed`, not an attempt); a
    /// broken checkpoint or a stopped computation is a `JudgeError`.
    /// `learner` says whose inputs a checkpoint with `seed: variant` uses (nil: such a
    /// checkpoint cannot be judged).
    public func judge(_ text: String, for spec: CheckpointSpec, learner: LearnerIdentity? = nil, progress: JudgeProgress? = nil) throws -> Verdict {
        let spec = Self.seen(spec, by: learner)
        if spec.expect == .code {
            guard let code else {
                throw JudgeError.brokenCheckpoint(LessonError(spec.location, "code checkpoints need the learner-code checker"))
            }
            return try guarded(spec) { try code.verdict(for: spec, answer: text, judge: self, progress: progress) }
        }
        let answer: AnswerValue
        do {
            answer = try AnswerParser.parse(text, kind: spec.expect, choices: spec.choices)
        } catch let e as AnswerParseError {
            return .malformed(e, for: spec)
        }
        return try judge(answer: answer, for: spec, progress: progress)
    }

    /// Judges an answer read from a `.npy` or JSON file.
    public func judge(answerFile path: String, for spec: CheckpointSpec, learner: LearnerIdentity? = nil,
                      progress: JudgeProgress? = nil) throws -> Verdict {
        let spec = Self.seen(spec, by: learner)
        let answer: AnswerValue
        do {
            answer = try AnswerFile.read(path: path, kind: spec.expect, choices: spec.choices)
        } catch let e as AnswerParseError {
            return .malformed(e, for: spec)
        }
        return try judge(answer: answer, for: spec, progress: progress)
    }

    /// Judges a parsed answer.
    public func judge(answer: AnswerValue, for spec: CheckpointSpec, learner: LearnerIdentity? = nil,
                      progress: JudgeProgress? = nil) throws -> Verdict {
        let spec = Self.seen(spec, by: learner)
        return try guarded(spec) { try verdict(answer: answer, for: spec, context: context(spec, progress: progress)) }
    }

    func verdict(answer: AnswerValue, for spec: CheckpointSpec, context: CallContext) throws -> Verdict {
        var v = Verdict(checkpointID: spec.id, message: Messages.incorrect, maxPoints: spec.points, explain: spec.explain)
        v.feedback = spec.feedback
        v.given = answer
        if spec.expect == .reflection {
            v.outcome = .saved
            v.message = Messages.reflectionSaved
            v.points = spec.points
            v.modelAnswer = spec.modelAnswer
            return v
        }
        guard let reference = try reference(for: spec, context: context) else {
            throw LessonError(spec.location, "checkpoint '\(spec.id)' has no reference")
        }
        v.reference = reference
        // The learner's own inputs where the explanation names them (`{{X}}`).
        v.explain = try spec.explain.map { try PromptTemplate.fill($0, spec: spec, context: context) }
        let judged = AnswerMatch.judge(answer, reference, tolerance: spec.tolerance, kind: spec.expect, choices: spec.choices,
                                      feedback: spec.feedback)
        v.comparison = judged.comparison
        v.message = judged.message
        v.details = judged.details
        if judged.correct {
            v.outcome = .correct
            v.points = spec.points
            if spec.feedback == .none { (v.message, v.details) = (DiagnosisMessages.recorded, []) }
            return v
        }
        // A wrong but well-formed answer: does it match a typical mistake?
        for m in spec.mistakes {
            guard let wrong = try mistakeResult(m, of: spec, context: context),
                  !AnswerMatch.accepts(wrong, as: reference, for: spec) else { continue }
            if AnswerMatch.matches(answer, wrong, tolerance: spec.tolerance) {
                v.mistake = m
                if spec.feedback != .none {
                    v.details.insert(v.message, at: 0)
                    v.message = LocalizedText(verbatim: m.message)
                }
                break
            }
        }
        if spec.feedback == .none { (v.message, v.details) = (DiagnosisMessages.recorded, []) }
        return v
    }

    // MARK: Errors

    /// Runs `body`, turning a stopped computation into `.interrupted` and every other failure
    /// into `.brokenCheckpoint` at the checkpoint's place.
    func guarded<T>(_ spec: CheckpointSpec, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as JudgeError {
            throw e
        } catch let e as CallError where e.interrupted {
            throw JudgeError.interrupted
        } catch let e as LessonError {
            throw JudgeError.brokenCheckpoint(e)
        } catch {
            throw JudgeError.brokenCheckpoint(LessonError(spec.location, "\(error)"))
        }
    }

    /// Runs `body`, turning call errors into `LessonError`s at the argument's line (or `key`'s).
    func located<T>(_ spec: CheckpointSpec, key: String = "call", line: Int? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as CallError where !e.interrupted {
            let at = e.line ?? line ?? spec.keyLines[key] ?? spec.keyLines["call"] ?? spec.location.line
            throw LessonError(SourceLocation(file: spec.location.file, line: at), e.message)
        }
    }
}
