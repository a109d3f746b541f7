/// Computes checkpoint references and judges answers: the API the interactive tutor,
/// `tutor check` and grading use.
///
/// ```swift
/// let course = try Course.load(directory: "lessons")
/// let checker = Checker()
/// if let (_, spec) = course.checkpoint("relu-by-hand", language: "en") {
///     let verdict = checker.check(text: "[[0, 0, 2], [3, 0, 0.5]]", for: spec)
/// }
/// ```
public final class Checker: @unchecked Sendable {
    public let registry: CallRegistry
    public let context: CallContext

    public init(registry: CallRegistry = .standard, context: CallContext = CallContext(dataDirectory: nil)) {
        self.registry = registry
        self.context = context
    }

    /// A failed check: the answer did not parse, or the checkpoint's call cannot run.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case malformedAnswer(AnswerParseError)
        /// The checkpoint is broken (a lesson bug): where and what.
        case brokenCheckpoint(LessonError)
        /// The observer stopped the training run that computes the reference.
        case interrupted

        public var description: String {
            switch self {
            case let .malformedAnswer(e): return e.description
            case let .brokenCheckpoint(e): return e.description
            case .interrupted: return "interrupted"
            }
        }
    }

    /// The outcome of `check(text:for:)`: a verdict, or why there is none.
    public enum Outcome: Sendable {
        case verdict(Verdict)
        case failure(Failure)
    }

    /// Whether computing this checkpoint's reference trains a network that is not cached yet
    /// (show a progress bar).
    public func isExpensive(_ spec: CheckpointSpec) -> Bool {
        guard let call = spec.call else { return false }
        return registry.isExpensive(call, args: spec.args, context: context)
    }

    /// The checkpoint's reference (nil for reflections and keyed choices' … see `answer`).
    public func reference(for spec: CheckpointSpec) throws -> ReferenceValue? {
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
    public func mistakeResult(_ m: Mistake, of spec: CheckpointSpec) throws -> ReferenceValue? {
        if let answer = m.answer { return .choice(answer) }
        guard let call = m.call else { return nil }
        var args = spec.args
        for a in m.args {
            if let i = args.firstIndex(where: { $0.name == a.name }) { args[i] = a } else { args.append(a) }
        }
        // A mistake call that is not `train`-like takes no output.
        let result = try registry.run(call, args: args, context: context)
        let output = m.output ?? spec.output
        let selected: CallResult
        switch result {
        case .history, .runs, .predictions: selected = try OutputSelection.select(result, output: output, call: call)
        default: selected = result
        }
        return try OutputSelection.reference(selected, kind: spec.expect, choices: spec.choices)
    }

    /// Parses `text` and judges it. Malformed answers and broken checkpoints are failures,
    /// not wrong answers.
    public func check(text: String, for spec: CheckpointSpec) -> Outcome {
        let answer: AnswerValue
        do {
            answer = try AnswerParser.parse(text, kind: spec.expect, choices: spec.choices)
        } catch let e as AnswerParseError {
            return .failure(.malformedAnswer(e))
        } catch {
            return .failure(.malformedAnswer(AnswerParseError(.init(verbatim: "\(error)"), column: nil, input: text)))
        }
        return check(answer: answer, for: spec)
    }

    /// Judges an answer read from a `.npy` or JSON file.
    public func check(answerFile path: String, for spec: CheckpointSpec) -> Outcome {
        do {
            return check(answer: try AnswerFile.read(path: path, kind: spec.expect, choices: spec.choices), for: spec)
        } catch let e as AnswerParseError {
            return .failure(.malformedAnswer(e))
        } catch {
            return .failure(.malformedAnswer(AnswerParseError(.init(verbatim: "\(error)"), column: nil, input: path)))
        }
    }

    /// Judges a parsed answer.
    public func check(answer: AnswerValue, for spec: CheckpointSpec) -> Outcome {
        do {
            return .verdict(try verdict(answer: answer, for: spec))
        } catch let e as CallError where e.interrupted {
            return .failure(.interrupted)
        } catch let e as LessonError {
            return .failure(.brokenCheckpoint(e))
        } catch {
            return .failure(.brokenCheckpoint(LessonError(spec.location, "\(error)")))
        }
    }

    /// Judges a parsed answer; throws `LessonError` when the checkpoint cannot compute.
    public func verdict(answer: AnswerValue, for spec: CheckpointSpec) throws -> Verdict {
        var v = Verdict(checkpointID: spec.id, outcome: .incorrect, message: Messages.incorrect, details: [],
                        mistake: nil, points: 0, maxPoints: spec.points, reference: nil, given: answer, comparison: nil,
                        explain: spec.explain, modelAnswer: nil)
        if spec.expect == .reflection || spec.expect == .code {
            v.outcome = .saved
            v.message = Messages.reflectionSaved
            v.points = spec.points
            v.modelAnswer = spec.modelAnswer
            return v
        }
        guard let reference = try reference(for: spec) else {
            throw LessonError(spec.location, "checkpoint '\(spec.id)' has no reference")
        }
        v.reference = reference
        let judged = Judge.judge(answer, reference, tolerance: spec.tolerance, kind: spec.expect, choices: spec.choices)
        v.comparison = judged.comparison
        v.message = judged.message
        v.details = judged.details
        if judged.correct {
            v.outcome = .correct
            v.points = spec.points
            return v
        }
        // A wrong but well-formed answer: does it match a typical mistake?
        for m in spec.mistakes {
            guard let wrong = try located(spec, line: m.line, { try mistakeResult(m, of: spec) }) else { continue }
            if Judge.matches(answer, wrong, tolerance: spec.tolerance) {
                v.mistake = m
                v.details.insert(v.message, at: 0)
                v.message = LocalizedText(verbatim: m.message)
                break
            }
        }
        return v
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
