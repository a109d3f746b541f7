import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor watch`: like rustlings, re-checks the current code exercise whenever a file of the
/// workspace is saved, and moves on to the next exercise when it passes.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-check your current code exercise whenever you save a file in the workspace (Ctrl-C to leave).")

    @Argument(help: "Start at this code checkpoint (default: the first one that does not pass yet).")
    var id: String?

    @Option(help: "Seconds between checks for saved files.")
    var interval: Double = 0.5

    @OptionGroup var options: CourseOptions
    @OptionGroup var workspace: WorkspaceOption
    @OptionGroup var data: DataOption

    func run() throws {
        let language = options.language
        let specs = options.loadCourse().lessons(in: language.rawValue).flatMap(\.checkpoints).filter { $0.code != nil }
        let ws: Workspace
        do { ws = try Workspace.locate(explicit: workspace.workspace) } catch {
            TutorFailure("error: \(error)", code: 2).exit()
        }
        guard !specs.isEmpty else { TutorFailure("error: the lessons have no code checkpoints (expect: code)", code: 2).exit() }
        var current = 0
        if let id {
            guard let i = specs.firstIndex(where: { $0.id == id }) else {
                TutorFailure("error: no code checkpoint '\(id)'; code checkpoints: \(specs.map(\.id).joined(separator: ", "))", code: 2).exit()
            }
            current = i
        }

        let interrupt = InterruptFlag()
        interrupt.install()
        defer { interrupt.uninstall() }
        let tty = isatty(1) == 1
        let checker = CodeChecker(workspace: ws, judge: Judge(environment: CallEnvironment(dataDirectory: data.data)))
        let status = StatusLine(enabled: true)

        var stamps = ws.sourceStamps()
        checking: while !interrupt.isSet {
            // Check the current exercise; while it passes (and no id was pinned), move on.
            while current < specs.count {
                let spec = specs[current]
                if tty { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                print(TutorText.watchHeading.text(language, spec.id, current + 1, specs.count, spec.code?.function.file ?? ""))
                let report: CodeCheckReport
                do {
                    report = try checker.check(spec, progress: { status.show($0, language) }, isCancelled: { interrupt.isSet })
                } catch {
                    status.clear()
                    print(TutorText.brokenCheckpointReport.text(language, "\(error)"))
                    break
                }
                status.clear()
                if interrupt.isSet { break checking }
                print(VerdictReport.text(.success(report.verdict), language: language))
                guard report.passed else { break }
                current += 1
                if current < specs.count {
                    print(TutorText.watchNext.text(language))
                    Thread.sleep(forTimeInterval: tty ? 1.5 : 0)
                }
            }
            if current >= specs.count {
                print(TutorText.watchAllPass.text(language))
                break
            }
            print(TutorText.watchWatching.text(language, ws.root.path))
            fflush(nil)
            // Poll modification times until something changes or Ctrl-C.
            while !interrupt.isSet {
                Thread.sleep(forTimeInterval: interval)
                let now = ws.sourceStamps()
                if now != stamps { stamps = now; continue checking }
            }
        }
        print(TutorText.watchBye.text(language))
    }
}
