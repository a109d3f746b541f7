import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor` / `tutor learn`: the course, resumed where the learner stopped.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Follow the course in the terminal, resuming where you stopped (the default command).")

    @OptionGroup var options: SessionOptions

    /// Words after `tutor` that name no command land here, as the default command's arguments.
    @Argument(help: .hidden) var unknown: [String] = []

    func validate() throws {
        if let word = unknown.first {
            printError(UnknownCommand.message(for: word))
            throw ExitCode(2)
        }
    }

    func run() throws {
        try runSession(options: options, openLesson: nil)
    }
}

/// `tutor open <lesson>`: the course at a given lesson.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the course at a lesson (its number, file name, slug or title; or a checkpoint id).")

    @Argument(help: "The lesson: 3, 03-relu, relu, a title, or a checkpoint id.")
    var lesson: String

    @OptionGroup var options: SessionOptions

    func run() throws {
        try runSession(options: options, openLesson: lesson)
    }
}

/// What the interactive course takes: the course, whose progress, the workspace and the data.
struct SessionOptions: ParsableArguments {
    @OptionGroup var course: CourseOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var workspace: WorkspaceOption
    @OptionGroup var data: DataOption
}

/// Loads the course and progress, then runs the interactive session.
func runSession(options: SessionOptions, openLesson: String?) throws {
    let language = options.course.language
    let course = options.course.loadCourse()
    var start: Int?
    if let openLesson {
        guard let index = course.outline(language: language.rawValue).lessonIndex(matching: openLesson) else {
            TutorFailure(TutorText.lessonNotFound.text(language, openLesson), code: 2).exit()
        }
        start = index
    }
    Terminal.installSignalHandlers()
    let (store, progress) = options.state.open(course: course, language: language)
    let interactive = Terminal.isInteractive
    let editor = LineEditor(interactive: interactive)
    let screen = Screen(interactive: interactive, color: Terminal.supportsColor && interactive, language: language, editor: editor)
    let judge = Judge(environment: CallEnvironment(dataDirectory: options.data.data),
                      code: LearnerCodeJudge(workspace: options.workspace.resolved(store.location)))
    let session = Session(course: course, language: language, judge: judge, store: store, progress: progress,
                          screen: screen, editor: editor)
    do {
        // The whole session runs in raw mode, so keys typed while text is drawn wait intact
        // for the next prompt (Ctrl-C and Ctrl-D included) instead of being echoed or lost.
        try Terminal.withRawMode {
            try session.run(openLesson: start, openCheckpoint: openLesson)
        }
    } catch let error as ProgressStoreError {
        TutorFailure(error.message(language)).exit()
    }
}
