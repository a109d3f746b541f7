import Foundation
import Judging
import Lessons

/// The judge's way into learner code: finds the workspace, builds and runs the learner's
/// function, and returns a verdict like any other answer's. The stages are reported through
/// `progress` (building 0.1, running 0.5, references 0.5–1), which may stop the check (Ctrl-C).
/// An untouched stub, a missing workspace or a cancel are `malformed` (not an attempt); a
/// failed build, a crash or a wrong result are `incorrect`.
public struct LearnerCodeJudge: CodeJudging {
    /// The workspace to check (`--workspace`, the one the course remembers); nil finds it
    /// from the answer or from here (`Workspace.locate`).
    public var workspace: String?
    /// Refuse to run learner code without a sandbox (`tutor grade` without `--unsafe-no-sandbox`).
    public var requiresSandbox: Bool
    /// Grading submissions: a workspace named by an answer is copied (its sources only) into
    /// this folder of the grader's and built there, never where it lies; or why that cannot be
    /// done here, and no code answer is graded.
    public var scratch: Result<GradingScratch, GradingScratchError>?
    /// Whether a sandbox can be started here; nil: `SandboxIsolation.availability`, asked only
    /// when a check needs it (its probe then runs while the workspace builds).
    var availability: SandboxAvailability?

    public init(workspace: String? = nil, requiresSandbox: Bool = false, scratch: Result<GradingScratch, GradingScratchError>? = nil,
                availability: SandboxAvailability? = nil) {
        self.workspace = workspace
        self.requiresSandbox = requiresSandbox
        self.scratch = scratch
        self.availability = availability
    }

    /// `answer` is what was typed at the prompt (`check`, anything) or, when grading a folder
    /// of submissions, the path of the learner's workspace: a path to a folder is used as the
    /// workspace.
    public func verdict(for spec: CheckpointSpec, answer: String, judge: Judge, progress: JudgeProgress?) throws -> Verdict {
        if requiresSandbox, case let .unavailable(reason) = availability ?? SandboxIsolation.availability {
            return Verdict(checkpointID: spec.id, outcome: .malformed, message: CodeMessages.refusedWithoutSandbox(reason),
                           maxPoints: spec.points)
        }
        var named = workspace
        let typed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        var isDirectory: ObjCBool = false
        if named == nil, !typed.isEmpty, FileManager.default.fileExists(atPath: typed, isDirectory: &isDirectory), isDirectory.boolValue {
            named = typed
        }
        if scratch != nil, named == nil {
            // Grading takes a workspace only from the answer, never from here or the environment.
            return Verdict(checkpointID: spec.id, outcome: .malformed,
                           message: CodeMessages.noWorkspace(WorkspaceError.notAWorkspace(typed)), maxPoints: spec.points)
        }
        let found: Workspace
        do { found = try Workspace.locate(explicit: named) } catch {
            return Verdict(checkpointID: spec.id, outcome: .malformed, message: CodeMessages.noWorkspace(error), maxPoints: spec.points)
        }
        guard let setting = scratch, workspace == nil else { return try check(spec, in: found, judge: judge, progress: progress) }
        func notCopied(_ error: Error) -> Verdict {
            Verdict(checkpointID: spec.id, outcome: .malformed, message: CodeMessages.notCopied(error), maxPoints: spec.points)
        }
        let scratch: GradingScratch
        switch setting {
        case let .success(folder): scratch = folder
        case let .failure(error): return notCopied(error)
        }
        do {
            return try scratch.exclusively {
                let copy: Workspace
                do { copy = try scratch.copy(of: found.root) } catch { return notCopied(error) }
                return try check(spec, in: copy, judge: judge, progress: progress)
            }
        } catch let error as GradingScratchError {
            return notCopied(error)
        }
    }

    private func check(_ spec: CheckpointSpec, in found: Workspace, judge: Judge, progress: JudgeProgress?) throws -> Verdict {
        var cases = 1
        var report = try CodeChecker(workspace: found, judge: judge).check(spec, progress: { stage in
            switch stage {
            case .building: progress?.report(fraction: 0.1, label: CodeMessages.building)
            case let .running(n): cases = max(n, 1); progress?.report(fraction: 0.5, label: CodeMessages.running)
            case let .computingReference(i):
                progress?.report(fraction: 0.5 + 0.5 * Double(i) / Double(cases), label: CodeMessages.comparing)
            }
        }, isCancelled: { progress?.shouldStop ?? false })
        if report.notWritten || progress?.shouldStop == true { report.verdict.outcome = .malformed }
        return report.verdict
    }
}
