import Foundation
import TutorCore

/// `tutor check <id>` for a checkpoint with `expect: code`: builds the learner's workspace,
/// runs their function on the cases and prints the verdict like any other check.
enum CodeCheckRun {
    /// Checks `spec` in the workspace `workspacePath` (or the one found from here); returns the
    /// exit code: 0 correct, 1 incorrect, 2 no workspace or broken checkpoint, 130 cancelled.
    static func run(_ spec: CheckpointSpec, workspacePath: String?, json: Bool, language: TutorLanguage) -> Int32 {
        let workspace: Workspace
        do { workspace = try Workspace.locate(explicit: workspacePath) }
        catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 2
        }
        let interrupt = InterruptFlag()
        interrupt.install()
        defer { interrupt.uninstall() }
        let status = StatusLine(enabled: !json)
        do {
            let report = try CodeChecker(workspace: workspace).check(spec, progress: { status.show($0, language) },
                                                                    isCancelled: { interrupt.isSet })
            status.clear()
            let outcome = Checker.Outcome.verdict(report.verdict)
            print(json ? VerdictReport.json(outcome, checkpoint: spec.id, language: language)
                       : VerdictReport.text(outcome, language: language))
            if interrupt.isSet { return 130 }
            return VerdictReport.exitCode(outcome)
        } catch {
            status.clear()
            let outcome = Checker.Outcome.failure(.brokenCheckpoint(error as? LessonError ?? LessonError(spec.location, "\(error)")))
            print(json ? VerdictReport.json(outcome, checkpoint: spec.id, language: language)
                       : VerdictReport.text(outcome, language: language))
            return 2
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
        let zh = language == .zh
        let text: String
        switch stage {
        case .building: text = zh ? "正在编译你的工作区…" : "building your workspace…"
        case let .running(n): text = zh ? "正在运行你的函数（\(n) 个用例）…" : "running your function on \(n) cases…"
        case let .computingReference(i): text = zh ? "正在计算用例 \(i + 1) 的参考值…" : "computing the reference of case \(i + 1)…"
        }
        write(text)
    }

    func write(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[2K" + text : text + "\n").utf8))
    }

    func clear() {
        if enabled && isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
