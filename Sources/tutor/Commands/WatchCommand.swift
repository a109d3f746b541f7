import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor watch`: like rustlings, re-checks the current code exercise whenever a file of the
/// workspace is saved, and moves on to the next exercise at the save after it passes
/// (`WatchSession`: the screen and its keys). Every check is recorded in the learner's progress
/// (not with `--no-record`).
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-check your current code exercise whenever you save a file in the workspace (keys: h hint, l list, n next, c check again, q quit).")

    @Argument(help: "Start at this code checkpoint (default: the first one that does not pass yet).")
    var id: String?

    @Option(help: "Seconds between checks for saved files.")
    var interval: Double = 0.5

    @OptionGroup var options: CourseOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var record: RecordOption
    @OptionGroup var workspace: WorkspaceOption
    @OptionGroup var data: DataOption

    func run() throws {
        let language = options.language
        let course = options.loadCourse()
        let lessons = course.lessons(in: language.rawValue)
        let specs = lessons.flatMap(\.checkpoints).filter { $0.code != nil }
        let ws: Workspace
        do { ws = try Workspace.locate(explicit: workspace.resolved(state.location(course: course))) } catch {
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
        let checker = CodeChecker(workspace: ws, judge: Judge(environment: CallEnvironment(dataDirectory: data.data)))
        WatchSession(specs: specs, start: current, checker: checker, workspace: ws, language: language, interval: interval,
                     interrupt: interrupt, onVerdict: { spec, report in
                         guard !record.noRecord, let lesson = lessons.first(where: { $0.checkpoints.contains { $0.id == spec.id } }) else { return }
                         state.record(report.verdict, answer: ws.root.path, lesson: lesson, course: course, language: language)
                     }).run()
    }
}
