import D2L
import Foundation

/// The learner functions a code checkpoint can check, with how the tutor prepares their
/// inputs and computes the library's result.
public enum CodeFunction: String, CaseIterable, Sendable {
    case relu, net, loss, sgd, train

    /// The registry call whose result is the reference (`sgd` has none: see `CodeReference`).
    var defaultCall: String? { self == .sgd ? nil : rawValue }

    /// Wall-clock seconds a run of the learner's code may take by default.
    var defaultTimeLimit: Double { self == .train ? 120 : 20 }
}

/// A checkpoint with `expect: code`, read from the keys issue 7 owns in `CheckpointSpec`:
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
public struct CodeCheckpoint: Sendable {
    public var spec: CheckpointSpec
    public var function: CodeFunction
    /// The reference call (default: the function's own registry call).
    public var call: String?
    /// Every case's arguments, the shared `args` merged under each case's own.
    public var cases: [[ArgEntry]]
    public var timeLimit: Double

    /// Reads the code keys of `spec`; errors name the lesson file and line.
    public init(_ spec: CheckpointSpec) throws {
        self.spec = spec
        func fail(_ key: String, _ message: String) -> LessonError { LessonError(spec.location(ofKey: key), message) }
        guard spec.expect == .code else { throw fail("expect", "checkpoint '\(spec.id)' is not `expect: code`") }
        let names = CodeFunction.allCases.map(\.rawValue).joined(separator: ", ")
        guard case let .string(name)? = spec.extra["function"] else {
            throw fail("expect", "`expect: code` needs `function:`, the learner's function to check (\(names))")
        }
        guard let function = CodeFunction(rawValue: name) else {
            throw fail("function", "unknown function '\(name)'" + suggestion(name, CodeFunction.allCases.map(\.rawValue)) + "; functions: \(names)")
        }
        self.function = function
        self.call = spec.call ?? function.defaultCall

        guard case let .list(items)? = spec.extra["cases"], !items.isEmpty else {
            throw fail("expect", "`expect: code` needs `cases:`, a list of argument mappings such as `- X: [[1, -2]]`")
        }
        cases = try items.enumerated().map { index, item in
            guard case let .map(entries) = item else {
                throw fail("cases", "case \(index + 1) must be a mapping of arguments, like `- X: {randn: [4, 5], seed: 1}`")
            }
            var merged = spec.args
            for e in entries {
                if let i = merged.firstIndex(where: { $0.name == e.name }) { merged[i] = e } else { merged.append(e) }
            }
            return merged
        }
        switch spec.extra["time_limit"] {
        case nil: timeLimit = function.defaultTimeLimit
        case let .number(x)? where x > 0 && x <= 3600: timeLimit = x
        default: throw fail("time_limit", "`time_limit:` is a number of seconds between 0 and 3600")
        }
    }

    /// `X: {randn: [16, 32], seed: 1}`: a case as the author wrote it, for messages.
    public func caseSummary(_ index: Int, limit: Int = 90) -> String {
        let shared = Set(spec.args.map(\.name))
        let own = cases[index].filter { !shared.contains($0.name) }
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
