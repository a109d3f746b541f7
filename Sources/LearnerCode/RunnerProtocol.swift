import D2L
import Foundation
import Judging
import Lessons
import RunnerWire

extension CodeValue {
    /// JSON text in the runner's wire format.
    var json: String {
        switch self {
        case let .tensor(t): return RunnerWire.json(t)
        case let .integers(xs): return "[" + xs.map(String.init).joined(separator: ",") + "]"
        case let .number(x): return RunnerWire.json(x)
        case let .string(s):
            let data = try? JSONEncoder().encode(s)
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
    }
}

/// Why a runner did not give a result for every case.
public enum RunnerFailure: Sendable, Equatable {
    /// The stub is untouched (it calls `todo()`).
    case notWritten(function: String)
    /// A crash, a `fatalError` or a failed runtime check, with the runtime's message and the
    /// learner's source line when the backtrace names one.
    case crashed(message: String, location: String?)
    case timedOut(seconds: Double)
    case outOfMemory(megabytes: Int)
    case outputTooLarge
    case cancelled
    /// The runner exited with an unexpected status or spoke something other than the protocol.
    case failed(String)
}

/// The results of running the learner's function on a list of cases.
public struct RunnerRun: Sendable {
    /// Results of cases 0, 1, … in order; shorter than the cases when `failure` is set
    /// (the failure happened in case `results.count`).
    public var results: [Tensor]
    public var failure: RunnerFailure?
    public var sandbox: SandboxResult
}

/// The runner's protocol, tutor side (`RunnerWire` is the format both sides compile).
public enum RunnerProtocol {
    /// The request: `{"function": …, "token": …, "cases": [{name: value, …}, …]}`.
    public static func request(function: String, token: String, cases: [[(String, CodeValue)]]) -> String {
        let items = cases.map { args in
            "{" + args.map { "\(CodeValue.string($0.0).json):\($0.1.json)" }.joined(separator: ",") + "}"
        }
        return "{\"function\":\(CodeValue.string(function).json),\"token\":\(CodeValue.string(token).json),\"cases\":["
            + items.joined(separator: ",\n") + "]}"
    }

    /// A token for one run: 128 random bits.
    static func newToken() -> String {
        (0..<2).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined(separator: "-")
    }

    /// Parses the runner's stdout: one result line of this run (`token`) per case, in order;
    /// other lines are the learner's own output.
    static func results(from stdout: String, token: String) throws -> [Tensor] {
        var results: [Tensor] = []
        for line in stdout.split(separator: "\n") {
            guard let (index, tensor) = try RunnerWire.result(fromLine: line, token: token) else { continue }
            guard index == results.count else { throw RunnerWire.WireError(line: String(line.prefix(200))) }
            results.append(tensor)
        }
        return results
    }

    /// The runtime's own words for a crash (`…: Fatal error: Index out of range`) and the first
    /// backtrace frame in the learner's sources (`Sources/Exercises/Relu.swift:12:9`).
    static func crashDetails(stderr: String, root: URL) -> (message: String, location: String?) {
        let lines = stderr.split(separator: "\n").map(String.init)
        let message = lines.first { $0.contains("Fatal error") || $0.contains("Precondition failed") || $0.contains("Assertion failed") }
            ?? lines.first { $0.contains("*** Program crashed") }?.replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)
            ?? ""
        let exercises = root.standardizedFileURL.path + "/Sources/Exercises/"
        let location = lines.lazy.compactMap { line -> String? in
            guard let r = line.range(of: " at " + exercises) else { return nil }
            return "Sources/Exercises/" + line[r.upperBound...].trimmingCharacters(in: .whitespaces)
        }.first
        return (message, location)
    }
}

extension Workspace {
    /// Runs the built runner on `cases` of `function` in the sandbox.
    public func run(function: Exercise, cases: [[(String, CodeValue)]], limits: SandboxLimits,
                    isCancelled: @escaping () -> Bool = { false }) -> RunnerRun {
        // The cases reach the runner as an already-unlinked file: nothing of them is left in
        // any folder, and no other run can read them.
        let token = RunnerProtocol.newToken()
        let input = Data(RunnerProtocol.request(function: function.rawValue, token: token, cases: cases).utf8)
        // One BLAS thread keeps the memory limit meaningful and leaves a core for the tutor.
        let sandbox = Sandbox.run(runnerURL.path, [], directory: root.path, input: input,
                                  environment: ["OPENBLAS_NUM_THREADS": "1", "SWIFT_BACKTRACE": "enable=yes,color=no,interactive=no"],
                                  isolation: learnerCodeIsolation(), limits: limits, isCancelled: isCancelled)
        var run = RunnerRun(results: [], failure: nil, sandbox: sandbox)
        do { run.results = try RunnerProtocol.results(from: sandbox.stdoutText, token: token) }
        catch { run.failure = .failed("\(error)") }

        switch sandbox.outcome {
        case .exited(0):
            if run.failure == nil, run.results.count != cases.count {
                run.failure = .failed("the runner gave \(run.results.count) results for \(cases.count) cases")
            }
        case .exited(3) where untouchedStub(named: sandbox.stderrText) != nil:
            run.failure = .notWritten(function: untouchedStub(named: sandbox.stderrText)!)
        case .exited(let code):
            run.failure = .failed("the runner exited with status \(code)\n" + sandbox.stderrTail())
        case .crashed:
            let (message, location) = RunnerProtocol.crashDetails(stderr: sandbox.stderrText, root: root)
            run.failure = .crashed(message: message.isEmpty ? sandbox.summary : message, location: location)
        case .timedOut: run.failure = .timedOut(seconds: limits.seconds)
        case .outOfMemory: run.failure = .outOfMemory(megabytes: Int((limits.memoryBytes ?? 0) >> 20))
        case .outputTooLarge: run.failure = .outputTooLarge
        case .cancelled: run.failure = .cancelled
        case let .launchFailed(why): run.failure = .failed("cannot start \(runnerURL.path): \(why)")
        }
        return run
    }
}
