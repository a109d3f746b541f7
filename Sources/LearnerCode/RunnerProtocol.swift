import D2L
import Foundation
import Judging
import Lessons

extension CodeValue {
    /// JSON text; tensors as `{"shape": […], "data": […]}` with NaN/±inf as strings.
    var json: String {
        switch self {
        case let .tensor(t): return RunnerProtocol.json(t)
        case let .integers(xs): return "[" + xs.map(String.init).joined(separator: ",") + "]"
        case let .number(x): return x.isFinite ? "\(x)" : (x.isNaN ? "\"nan\"" : (x > 0 ? "\"inf\"" : "\"-inf\""))
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

/// The runner's JSON protocol, tutor side (the other side is `WorkspaceRunnerSource`).
public enum RunnerProtocol {
    /// The request: `{"function": …, "cases": [{name: value, …}, …]}`.
    public static func request(function: String, cases: [[(String, CodeValue)]]) -> String {
        let items = cases.map { args in
            "{" + args.map { "\(CodeValue.string($0.0).json):\($0.1.json)" }.joined(separator: ",") + "}"
        }
        return "{\"function\":\(CodeValue.string(function).json),\"cases\":[" + items.joined(separator: ",\n") + "]}"
    }

    static func json(_ t: Tensor) -> String {
        let data = t.scalars.map { x -> String in
            if x.isNaN { return "\"nan\"" }
            if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
            return "\(x)"
        }
        return "{\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data\":[\(data.joined(separator: ","))]}"
    }

    /// Marks the runner's result lines (ASCII record separator + a word), apart from whatever the
    /// learner's code prints.
    static let resultMarker = "\u{1E}tutor-result "

    /// Parses the runner's stdout: one `<marker>{"case": i, "value": tensor}` per line; other
    /// lines are the learner's own output.
    static func results(from stdout: String) throws -> [Tensor] {
        var results: [Tensor] = []
        for raw in stdout.split(separator: "\n") where raw.hasPrefix(resultMarker) {
            let line = raw.dropFirst(resultMarker.count)
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  let index = object["case"] as? Int, index == results.count,
                  let value = object["value"] as? [String: Any], let tensor = tensor(value) else {
                throw RunnerProtocolError(line: String(line.prefix(200)))
            }
            results.append(tensor)
        }
        return results
    }

    static func tensor(_ o: [String: Any]) -> Tensor? {
        guard let shape = o["shape"] as? [Int], let data = o["data"] as? [Any] else { return nil }
        var scalars: [Float] = []
        scalars.reserveCapacity(data.count)
        for v in data {
            if let d = v as? Double { scalars.append(Float(d)); continue }
            switch v as? String {
            case "nan": scalars.append(.nan)
            case "inf": scalars.append(.infinity)
            case "-inf": scalars.append(-.infinity)
            default: return nil
            }
        }
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else { return nil }
        return Tensor(shape: shape, scalars: scalars)
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

struct RunnerProtocolError: Error, CustomStringConvertible {
    var line: String
    var description: String { "the runner printed something unexpected: \(line)" }
}

extension Workspace {
    /// Runs the built runner on `cases` of `function` in the sandbox.
    public func run(function: String, cases: [[(String, CodeValue)]], limits: SandboxLimits,
                    isCancelled: @escaping () -> Bool = { false }) -> RunnerRun {
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("tutor-cases-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: input) }
        var sandbox: SandboxResult
        do {
            try RunnerProtocol.request(function: function, cases: cases).write(to: input, atomically: true, encoding: .utf8)
        } catch {
            sandbox = SandboxResult(outcome: .launchFailed("\(error)"), stdout: Data(), stderr: Data(), seconds: 0, limits: limits)
            return RunnerRun(results: [], failure: .failed("cannot write the cases: \(error)"), sandbox: sandbox)
        }
        // One BLAS thread keeps the memory limit meaningful and leaves a core for the tutor.
        sandbox = Sandbox.run(runnerURL.path, [], directory: root.path, stdinFile: input.path,
                              environment: ["OPENBLAS_NUM_THREADS": "1", "SWIFT_BACKTRACE": "enable=yes,color=no,interactive=no"],
                              limits: limits, isCancelled: isCancelled)
        var run = RunnerRun(results: [], failure: nil, sandbox: sandbox)
        do { run.results = try RunnerProtocol.results(from: sandbox.stdoutText) }
        catch { run.failure = .failed("\(error)") }

        switch sandbox.outcome {
        case .exited(0):
            if run.failure == nil, run.results.count != cases.count {
                run.failure = .failed("the runner gave \(run.results.count) results for \(cases.count) cases")
            }
        case .exited(3) where sandbox.stderrText.contains("TUTOR-TODO: "):
            let name = sandbox.stderrText.components(separatedBy: "TUTOR-TODO: ")[1].prefix { $0 != "\n" }
            run.failure = .notWritten(function: String(name))
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
