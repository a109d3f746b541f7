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
        abstract: "Write a checkpoint's inputs (X, y, W1, …) as .npy or .json files.")

    @Argument(help: "The checkpoint id.")
    var id: String

    @Option(help: "npy or json.")
    var format: String = "npy"

    @Option(help: "The folder to write to.")
    var out: String = "."

    @OptionGroup var options: CourseOptions
    @OptionGroup var data: DataOption

    func validate() throws {
        if CheckpointExport.Format(rawValue: format) == nil { throw ValidationError("--format must be npy or json") }
    }

    func run() throws {
        let spec = options.findCheckpoint(id, in: options.loadCourse()).spec
        do {
            let context = CallContext(CallEnvironment(dataDirectory: data.data))
            let paths = try CheckpointExport.write(spec, context: context, format: CheckpointExport.Format(rawValue: format)!, directory: out)
            if paths.isEmpty { print("checkpoint '\(id)' has no tensor inputs to export") }
            for p in paths { print(p) }
        } catch {
            TutorFailure("error: \(error)", code: 2).exit()
        }
    }
}
