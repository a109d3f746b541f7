import ArgumentParser
import TutorCore

@main
struct Tutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutor",
        abstract: "Learn \"multilayer perceptron from scratch\" in the terminal.",
        version: TutorInfo.version,
        subcommands: [
            TrainCommand.self,
            CheckCommand.self,
            LintCommand.self,
            ExportCommand.self,
        ])
}
