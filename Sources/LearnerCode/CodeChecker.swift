import D2L
import Foundation
import Judging
import Lessons

/// What a code check is doing, for a status line or progress bar.
public enum CodeCheckStage: Sendable, Equatable {
    case building
    case running(cases: Int)
    case computingReference(case: Int)
}

/// The result of checking the learner's own function: a `Verdict` like every checkpoint's
/// (so progress and grading treat it alike), and what happened on the way.
public struct CodeCheckReport: Sendable {
    public enum Failure: Sendable {
        case build(WorkspaceBuildResult)
        case run(RunnerFailure, caseIndex: Int)
        case mismatch(caseIndex: Int)
    }

    public var verdict: Verdict
    public var failure: Failure?
    public var caseCount: Int
    /// Wall-clock seconds of the build and the run.
    public var buildSeconds: Double
    public var runSeconds: Double
    /// Why the learner's code ran without a sandbox, when it did.
    public var notIsolated: String?
    /// The seed the check's random cases were drawn from (`check(_:seed:)` repeats them).
    public var seed: UInt64 = 0

    public var passed: Bool { verdict.isCorrect }

    /// The stub is untouched (`todo()`): not attempted rather than wrong.
    public var notWritten: Bool {
        if case .run(.notWritten, _)? = failure { return true }
        return false
    }

}

/// Builds the workspace, runs the learner's function on a code checkpoint's cases in the
/// sandbox, and compares each result with the library's through the checker's comparison.
///
/// ```swift
/// let codeChecker = CodeChecker(workspace: try Workspace.locate(explicit: nil), judge: Judge())
/// let report = try codeChecker.check(spec)          // spec: a checkpoint with `expect: code`
/// print(report.verdict.message.text(.en))
/// ```
public struct CodeChecker: Sendable {
    public let workspace: Workspace
    public let judge: Judge
    /// Memory limit of one run of the learner's code.
    public var memoryBytes: UInt64 = 2 << 30
    /// Output cap of one run.
    public var outputBytes = 16 << 20

    public init(workspace: Workspace, judge: Judge) {
        self.workspace = workspace
        self.judge = judge
    }

    /// Checks the learner's function against `spec` (`expect: code`).
    /// - Throws: `LessonError` when the checkpoint itself is broken (a lesson bug, at file:line).
    /// Every check draws its random cases fresh (`FreshCases`) from `seed`, new unless given.
    public func check(_ spec: CheckpointSpec, seed: UInt64? = nil,
                      progress: @escaping (CodeCheckStage) -> Void = { _ in },
                      isCancelled: @escaping () -> Bool = { false }) throws -> CodeCheckReport {
        let seed = seed ?? FreshCases.newSeed()
        var report = try buildAndRun(spec, seed: seed, progress: progress, isCancelled: isCancelled)
        report.seed = seed
        if report.failure.map({ if case .build = $0 { return false } else { return true } }) ?? true {
            report.verdict.details.append(CodeMessages.drawn(seed: seed))
        }
        if let reason = report.notIsolated { report.verdict.details.append(CodeMessages.notIsolated(reason)) }
        return report
    }

    private func buildAndRun(_ spec: CheckpointSpec, seed: UInt64, progress: @escaping (CodeCheckStage) -> Void,
                       isCancelled: @escaping () -> Bool) throws -> CodeCheckReport {
        guard var code = spec.code else { throw LessonError(spec.location, "checkpoint '\(spec.id)' is not `expect: code`") }
        code.cases = FreshCases.drawn(code.cases, seed: seed)
        let inputs = try code.cases.indices.map { try judge.runnerInputs(spec, code, case: $0) }

        progress(.building)
        // The first sandbox of a process is a probe that takes a moment (new namespaces): it
        // runs while the workspace builds.
        DispatchQueue.global().async { _ = SandboxIsolation.availability }
        // One check at a time per workspace in this process: grading judges in parallel, and
        // two builds or runs of one workspace would only wait on each other's files.
        let lock = WorkspaceLocks.lock(for: workspace)
        lock.lock()
        defer { lock.unlock() }
        try? workspace.refreshTutorFiles()
        let build = workspace.build(isCancelled: isCancelled)
        var report = CodeCheckReport(verdict: Self.verdict(spec), failure: nil, caseCount: code.cases.count,
                                     buildSeconds: build.run.seconds, runSeconds: 0)
        guard build.succeeded else {
            report.failure = .build(build)
            report.verdict.message = build.run.outcome == .cancelled ? CodeMessages.cancelled : CodeMessages.buildFailed
            report.verdict.details = build.report.split(separator: "\n").map { LocalizedText(verbatim: String($0)) }
            return report
        }

        progress(.running(cases: code.cases.count))
        let limits = SandboxLimits(seconds: code.timeLimit, memoryBytes: memoryBytes, outputBytes: outputBytes)
        let run = workspace.run(function: code.function, cases: inputs, limits: limits, isCancelled: isCancelled)
        report.runSeconds = run.sandbox.seconds
        report.notIsolated = run.sandbox.notIsolated

        // Compare the cases that produced a result, in order, up to the first mismatch.
        for (index, result) in run.results.enumerated() {
            progress(.computingReference(case: index))
            let reference = try judge.reference(spec, code, case: index)
            let given: NDArray
            if code.function == .train {
                switch try trainedAccuracy(inputs[index], parameters: result) {
                case let .accuracy(accuracy): given = accuracy
                case let .problem(failure):
                    report.failure = .run(failure, caseIndex: index)
                    report.verdict.message = CodeMessages.runFailed(failure, function: code.function)
                    report.verdict.details = CodeMessages.runDetails(failure)
                    return report
                }
            } else {
                given = NDArray(result)
            }
            var comparison = Comparison.compare(given: given, reference: reference, tolerance: spec.tolerance)
            if code.function == .train, !comparison.isClose, given.count == 1, reference.count == 1,
               given.values[0] >= reference.values[0] {
                // Learning better than the library is not a mistake.
                comparison = Comparison.compare(given: reference, reference: reference, tolerance: spec.tolerance)
            }
            if comparison.isClose { report.verdict.comparison = merge(report.verdict.comparison, comparison); continue }
            report.failure = .mismatch(caseIndex: index)
            report.verdict.reference = .array(reference)
            report.verdict.given = .array(given)
            report.verdict.comparison = comparison
            // The learner's own code on a case they can see: the expected entry is a test's
            // message, not the answer to type (under `feedback: none` the edges say only "recorded").
            let text = DiagnosisMessages.verdictText(comparison, given: given, reference: reference, kind: .tensor,
                                                     feedback: .full)
            let described = text.message
            report.verdict.message = described
            report.verdict.details = [CodeMessages.inCase(index, of: code.cases.count, code.caseSummary(index))] + text.details
            if let mistake = try judge.matchingMistake(spec, code, case: index, given: given) {
                report.verdict.mistake = mistake
                report.verdict.message = LocalizedText(verbatim: mistake.message)
                report.verdict.details.insert(described, at: 1)
            }
            return report
        }
        if let failure = run.failure {
            let index = run.results.count
            report.failure = .run(failure, caseIndex: index)
            report.verdict.message = CodeMessages.runFailed(failure, function: code.function)
            report.verdict.details = CodeMessages.runDetails(failure)
            if index < code.cases.count, failure != .cancelled, !report.notWritten {
                report.verdict.details.insert(CodeMessages.inCase(index, of: code.cases.count, code.caseSummary(index)), at: 0)
            }
            return report
        }
        report.verdict.outcome = .correct
        report.verdict.points = spec.points
        report.verdict.message = CodeMessages.passed(code.cases.count, maxError: report.verdict.comparison?.maxAbsError)
        return report
    }

    /// A fresh, incorrect verdict for `spec`.
    static func verdict(_ spec: CheckpointSpec) -> Verdict {
        var v = Verdict(checkpointID: spec.id, message: Messages.incorrect, maxPoints: spec.points, explain: spec.explain)
        v.feedback = spec.feedback
        return v
    }

    /// Keeps the larger max error over the cases that passed.
    private func merge(_ a: Comparison?, _ b: Comparison) -> Comparison {
        guard let a else { return b }
        return (a.maxAbsError ?? 0) >= (b.maxAbsError ?? 0) ? a : b
    }
}

/// A lock per workspace folder, shared by every `CodeChecker` of the process; recursive, as
/// grading holds its scratch workspace's (`GradingScratch.exclusively`) around the check.
enum WorkspaceLocks {
    private static let locks = Locked<[String: NSRecursiveLock]>([:])

    static func lock(for workspace: Workspace) -> NSRecursiveLock {
        locks.withLock { locks in
            if let lock = locks[workspace.root.path] { return lock }
            let lock = NSRecursiveLock()
            locks[workspace.root.path] = lock
            return lock
        }
    }
}
