import ArgumentParser
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

@main
struct Tutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutor",
        abstract: "Learn \"multilayer perceptron from scratch\" in the terminal.",
        version: TutorInfo.version,
        subcommands: [
            LearnCommand.self, OpenCommand.self, ListCommand.self, ProgressCommand.self, ResetCommand.self,
            GradeCommand.self, ProgressWriterCommand.self,
            TrainCommand.self,
            PredictCommand.self,
            SweepCommand.self,
            ShowCommand.self,
            CheckCommand.self,
            LintCommand.self,
            ExportCommand.self,
            InitCommand.self,
            WatchCommand.self,
            VerifyCommand.self,
            BuildLibraryCommand.self,
        ],
        defaultSubcommand: LearnCommand.self)
}
