import ArgumentParser
import Foundation
import TutorCore

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

    @Option(help: "The folder of lessons (default: ./lessons).")
    var lessons: String?

    @Option(help: "zh or en (default: from LANG).")
    var lang: String?

    func validate() throws {
        if CheckpointExport.Format(rawValue: format) == nil { throw ValidationError("--format must be npy or json") }
    }

    func run() throws {
        let language = lang.flatMap(TutorLanguage.init(parsing:)) ?? TutorLanguage.fromEnvironment()
        do {
            let course = try Course.load(directory: lessons ?? Course.defaultDirectory())
            let spec = try course.findCheckpoint(id, language: language.rawValue).spec
            let paths = try CheckpointExport.write(spec, context: CallContext(), format: CheckpointExport.Format(rawValue: format)!, directory: out)
            if paths.isEmpty { print("checkpoint '\(id)' has no tensor inputs to export") }
            for p in paths { print(p) }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
