import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor check <id>` for a checkpoint with `expect: code`: builds the learner's workspace,
/// runs their function on the cases and prints the verdict like any other check.
enum CodeCheckRun {
    /// What a check ended with: the exit code (0 correct, 1 incorrect, 2 no workspace or broken
    /// checkpoint, 130 cancelled) and, when there is one to record, the verdict and the workspace.
    struct Outcome {
        var exitCode: Int32
        var verdict: Verdict?
        var workspace: String?
    }

    /// Checks `spec` in the workspace `workspacePath` (or the one found from here).
    static func run(_ spec: CheckpointSpec, workspacePath: String?, judge: Judge, json: Bool, language: TutorLanguage) -> Outcome {
        let workspace: Workspace
        do { workspace = try Workspace.locate(explicit: workspacePath) }
        catch {
            printError("error: \(error)")
            return Outcome(exitCode: 2)
        }
        let interrupt = InterruptFlag()
        interrupt.install()
        defer { interrupt.uninstall() }
        let status = StatusLine(enabled: !json)
        do {
            let report = try CodeChecker(workspace: workspace, judge: judge).check(spec, progress: { status.show($0, language) },
                                                                                 isCancelled: { interrupt.isSet })
            status.clear()
            let outcome = VerdictReport.Result.success(report.verdict)
            print(json ? VerdictReport.json(outcome, checkpoint: spec.id, language: language)
                       : VerdictReport.text(outcome, language: language))
            if interrupt.isSet { return Outcome(exitCode: 130) }
            return Outcome(exitCode: VerdictReport.exitCode(outcome), verdict: report.verdict, workspace: workspace.root.path)
        } catch {
            status.clear()
            let outcome = VerdictReport.Result.failure(.brokenCheckpoint(error as? LessonError ?? LessonError(spec.location, "\(error)")))
            print(json ? VerdictReport.json(outcome, checkpoint: spec.id, language: language)
                       : VerdictReport.text(outcome, language: language))
            return Outcome(exitCode: 2)
        }
    }
}

/// One status line on stderr ("building…"), overwritten in place on a terminal.
final class StatusLine: @unchecked Sendable {
    let enabled: Bool
    let isTerminal = isatty(2) == 1

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ stage: CodeCheckStage, _ language: TutorLanguage) {
        guard enabled else { return }
        switch stage {
        case .building: write(TutorText.codeBuilding.text(language))
        case let .running(n): write(TutorText.codeRunning.text(language, n))
        case let .computingReference(i): write(TutorText.codeComparing.text(language, i + 1))
        }
    }

    func write(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[2K" + text : text + "\n").utf8))
    }

    func clear() {
        if enabled && isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
