/// What kind of answer a checkpoint expects.
public enum ExpectKind: String, CaseIterable, Sendable {
    case number, integer, tensor, shape, choice, reflection
    /// The learner's own Swift function, run in a sandbox (`CheckpointSpec.code`).
    case code

    /// Kinds whose reference comes from a registry call.
    public var needsCall: Bool { self == .number || self == .integer || self == .tensor || self == .shape }
}

/// `|given − reference| ≤ atol + rtol·|reference|` (NumPy's `isclose`).
public struct Tolerance: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var atol: Double
    public var rtol: Double

    public init(atol: Double, rtol: Double) {
        self.atol = atol
        self.rtol = rtol
    }

    /// The single-number form: `tolerance: t` means atol = rtol = t.
    public static func symmetric(_ t: Double) -> Tolerance { Tolerance(atol: t, rtol: t) }
    /// Used when a checkpoint gives no tolerance.
    public static let `default` = Tolerance.symmetric(1e-4)
    /// Exact comparison.
    public static let exact = Tolerance(atol: 0, rtol: 0)

    /// Whether `given` is close enough to `reference`. Infinities must be equal; NaN is never
    /// close (unless `nanEqual`, used to match mistakes that produce NaN).
    public func accepts(_ given: Double, _ reference: Double, nanEqual: Bool = false) -> Bool {
        if given.isNaN || reference.isNaN { return nanEqual && given.isNaN && reference.isNaN }
        if given.isInfinite || reference.isInfinite { return given == reference }
        return abs(given - reference) <= atol + rtol * abs(reference)
    }

    public var description: String {
        atol == rtol ? formatNumber(atol) : "atol \(formatNumber(atol)), rtol \(formatNumber(rtol))"
    }
}

/// An argument value as written in the YAML: numbers, strings, nested lists, mappings
/// (generated values such as `{randn: [4, 5], seed: 3}`).
public indirect enum ArgValue: Sendable, Equatable, Hashable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([ArgValue])
    case map([ArgEntry])

    /// The entry named `key` of a mapping.
    public subscript(key: String) -> ArgValue? {
        if case let .map(entries) = self { return entries.first { $0.name == key }?.value }
        return nil
    }

    /// A canonical text used in cache keys and messages.
    public var canonical: String {
        switch self {
        case let .number(x): return formatNumber(x)
        case let .string(s): return "\"\(s)\""
        case let .bool(b): return b ? "true" : "false"
        case let .list(items): return "[" + items.map(\.canonical).joined(separator: ",") + "]"
        case let .map(entries):
            return "{" + entries.sorted { $0.name < $1.name }
                .map { "\($0.name):\($0.value.canonical)" }.joined(separator: ",") + "}"
        }
    }
}

/// One `name: value` pair of `args` (or of a generated value), with the line it is on.
public struct ArgEntry: Sendable, Equatable, Hashable {
    public var name: String
    public var value: ArgValue
    /// Line in the lesson file (0 when made in code).
    public var line: Int

    public init(name: String, value: ArgValue, line: Int = 0) {
        self.name = name
        self.value = value
        self.line = line
    }

    public static func == (a: ArgEntry, b: ArgEntry) -> Bool { a.name == b.name && a.value == b.value }
    public func hash(into h: inout Hasher) { h.combine(name); h.combine(value) }
}

/// Which part of a structured result (a training history, predictions) is the reference.
public struct OutputSelector: Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Epoch: Sendable, Equatable, Hashable {
        /// The last epoch.
        case last
        /// Epoch number (1-based); negative counts from the end (-1 is the last).
        case number(Int)
        /// Every epoch: a vector.
        case all
    }

    public var field: String
    public var epoch: Epoch

    public init(field: String, epoch: Epoch = .last) {
        self.field = field
        self.epoch = epoch
    }

    /// Parses `test_acc`, `test_acc[3]`, `test_acc[-1]`, `train_loss[:]`; nil when malformed.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let open = t.firstIndex(of: "[") else {
            guard OutputSelector.isName(t) else { return nil }
            self.init(field: t)
            return
        }
        let name = String(t[..<open])
        guard OutputSelector.isName(name), t.hasSuffix("]") else { return nil }
        let inner = t[t.index(after: open)..<t.index(before: t.endIndex)].trimmingCharacters(in: .whitespaces)
        if inner == ":" { self.init(field: name, epoch: .all); return }
        guard let n = Int(inner), n != 0 else { return nil }
        self.init(field: name, epoch: .number(n))
    }

    private static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !s.first!.isNumber
    }

    public var description: String {
        switch epoch {
        case .last: return field
        case let .number(n): return "\(field)[\(n)]"
        case .all: return "\(field)[:]"
        }
    }
}

/// A typical wrong answer: a call (or, for a choice, a letter) and the misconception it shows.
public struct Mistake: Sendable, Equatable {
    /// The registry call computing the wrong answer (nil for a choice mistake).
    public var call: String?
    /// Arguments that override the checkpoint's, key by key.
    public var args: [ArgEntry]
    /// Overrides the checkpoint's `output` when set.
    public var output: OutputSelector?
    /// For `choice`: the index of the wrong choice.
    public var answer: Int?
    /// What the learner probably did, shown in the verdict.
    public var message: String
    /// Line of the mistake in the lesson file.
    public var line: Int

    public init(call: String?, args: [ArgEntry] = [], output: OutputSelector? = nil, answer: Int? = nil,
                message: String, line: Int = 0) {
        self.call = call
        self.args = args
        self.output = output
        self.answer = answer
        self.message = message
        self.line = line
    }
}

/// A checkpoint as the author wrote it: the typed form of the YAML body of a
/// ```` ```checkpoint <id> ```` block. See `docs/checkpoint-format.md`.
public struct CheckpointSpec: Sendable {
    /// The id from the fence's info string.
    public var id: String
    /// Where the fence opens.
    public var location: SourceLocation
    public var expect: ExpectKind
    /// The registry call computing the reference (nil for reflections and keyed choices).
    public var call: String?
    public var args: [ArgEntry]
    public var output: OutputSelector?
    public var tolerance: Tolerance
    public var prompt: String
    public var hints: [String]
    public var explain: String?
    public var choices: [String]
    /// For a keyed choice: the index of the right choice.
    public var answer: Int?
    public var mistakes: [Mistake]
    public var modelAnswer: String?
    public var points: Double
    /// The line of each top-level key in the file (for messages).
    public var keyLines: [String: Int]
    /// For `expect: code`: the learner's function and the cases it runs on.
    public var code: CodeSpec?
    /// What a wrong answer's verdict shows: the checkpoint's `feedback:`, else the course's
    /// (`course.yaml`), else `.diagnostic`.
    public var feedback: FeedbackPolicy = .default

    /// The argument named `name`.
    public func arg(_ name: String) -> ArgValue? { args.first { $0.name == name }?.value }

    /// The location of a key (falls back to the fence).
    public func location(ofKey key: String) -> SourceLocation {
        SourceLocation(file: location.file, line: keyLines[key] ?? location.line)
    }

    /// The letter shown for choice `index` (`a`, `b`, …).
    public static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(97 + index % 26)))
    }
}

extension CheckpointSpec {
    /// Every `seed` in the arguments (also inside generated values), for grade stamps.
    public var seeds: [UInt64] {
        func collect(_ name: String, _ value: ArgValue) -> [UInt64] {
            switch value {
            case let .number(x) where name == "seed" && x >= 0 && x < 1.8e19: return [UInt64(x)]
            case let .list(items): return items.flatMap { collect("", $0) }
            case let .map(entries): return entries.flatMap { collect($0.name, $0.value) }
            default: return []
            }
        }
        return args.flatMap { collect($0.name, $0.value) }
    }
}
