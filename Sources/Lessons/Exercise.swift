/// The five functions a learner writes in Swift, in the order the course meets them: the one
/// table the spec parser, the workspace, the runner, `tutor watch` and the messages all read.
public enum Exercise: String, CaseIterable, Sendable {
    case relu, net, loss, sgd, train

    /// The file the learner edits, relative to the workspace root.
    public var file: String {
        switch self {
        case .relu: return "Sources/Exercises/Relu.swift"
        case .net: return "Sources/Exercises/Net.swift"
        case .loss: return "Sources/Exercises/Loss.swift"
        case .sgd: return "Sources/Exercises/SGD.swift"
        case .train: return "Sources/Exercises/Train.swift"
        }
    }

    /// The registry call whose result is the reference (`sgd` has none: the judge takes one
    /// step of the library's own `sgd`).
    public var defaultCall: String? { self == .sgd ? nil : rawValue }

    /// Wall-clock seconds a run of the learner's code may take by default.
    public var defaultTimeLimit: Double { self == .train ? 120 : 20 }

    /// `relu, net, loss, sgd, train`.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The keys of an `expect: code` checkpoint, typed:
///
/// ```yaml
/// expect: code
/// function: relu            # relu, net, loss, sgd or train: the file the learner writes
/// cases:                    # each case is a mapping of arguments (explicit or generated)
///   - X: [[-1.5, 0.0, 2.0], [3.0, -0.25, 0.5]]
///   - X: {randn: [16, 32], seed: 1}
/// args: {}                  # optional: arguments shared by every case
/// tolerance: 1e-6
/// time_limit: 20            # optional, seconds per run of the learner's code
/// ```
public struct CodeSpec: Sendable, Equatable {
    public var function: Exercise
    /// The reference call (default: the function's own registry call).
    public var call: String?
    /// Every case's arguments, the shared `args` merged under each case's own.
    public var cases: [[ArgEntry]]
    /// The names of the shared `args` (left out of case summaries).
    public var sharedNames: Set<String>
    public var timeLimit: Double

    public init(function: Exercise, call: String?, cases: [[ArgEntry]], sharedNames: Set<String> = [],
                timeLimit: Double? = nil) {
        self.function = function
        self.call = call
        self.cases = cases
        self.sharedNames = sharedNames
        self.timeLimit = timeLimit ?? function.defaultTimeLimit
    }

    /// `X: {randn: [16, 32], seed: 1}`: a case as the author wrote it, for messages.
    public func caseSummary(_ index: Int, limit: Int = 90) -> String {
        let own = cases[index].filter { !sharedNames.contains($0.name) }
        let text = (own.isEmpty ? cases[index] : own).map { "\($0.name): \(Self.short($0.value))" }.joined(separator: ", ")
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    static func short(_ v: ArgValue) -> String {
        switch v {
        case let .map(entries): return "{" + entries.map { "\($0.name): \($0.value.canonical)" }.joined(separator: ", ") + "}"
        default: return v.canonical.replacingOccurrences(of: ",", with: ", ")
        }
    }
}
