import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor export <id> --format npy|json --out DIR`: writes a checkpoint's inputs as files.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a checkpoint's inputs (X, y, W1, …) as .npy or .json files.",
        discussion: "A checkpoint whose inputs vary per learner exports the learner's own (--learner, else $TUTOR_LEARNER, else $USER).")

    @Argument(help: "The checkpoint id.")
    var id: String

    @Option(help: "npy or json.")
    var format: String = "npy"

    @Option(help: "The folder to write to.")
    var out: String = "."

    @OptionGroup var options: CourseOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var data: DataOption

    func validate() throws {
        if CheckpointExport.Format(rawValue: format) == nil { throw ValidationError("--format must be npy or json") }
    }

    func run() throws {
        let course = options.loadCourse()
        let learner = stateOptions.location(course: course).identity
        let spec = options.findCheckpoint(id, in: course).spec.variant(for: learner)
        do {
            let context = CallContext(CallEnvironment(dataDirectory: data.data))
            let paths = try CheckpointExport.write(spec, context: context, format: CheckpointExport.Format(rawValue: format)!, directory: out)
            if paths.isEmpty { print("checkpoint '\(id)' has no tensor inputs to export") }
            for p in paths { print(p) }
        } catch let error as LessonError {
            TutorFailure("error: \(error)", code: 2).exit()
        } catch {
            TutorFailure("error: cannot export into \(out): \((error as NSError).localizedDescription)", code: 2).exit()
        }
    }
}
