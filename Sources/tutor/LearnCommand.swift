import ArgumentParser
import Foundation
import TutorCore

/// `tutor` / `tutor learn`: the course, resumed where the learner stopped.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Follow the course in the terminal, resuming where you stopped (the default command).")

    @OptionGroup var options: CourseOptions

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

    @OptionGroup var options: CourseOptions

    func run() throws {
        try runSession(options: options, openLesson: lesson)
    }
}

/// Loads the course and progress, then runs the interactive session.
func runSession(options: CourseOptions, openLesson: String?) throws {
    let language = try options.language()
    let loaded = loadCourse(options, language: language)
    var start: Int?
    if let openLesson {
        guard let index = loaded.course.outline.lessonIndex(matching: openLesson) else {
            TutorFailure(TutorText.lessonNotFound.text(language, openLesson), code: 2).exit()
        }
        start = index
    }
    Terminal.installSignalHandlers()
    let (store, progress) = openProgress(options, course: loaded.course)
    let interactive = Terminal.isInteractive
    let editor = LineEditor(interactive: interactive)
    let screen = Screen(interactive: interactive, color: Terminal.supportsColor && interactive, language: language, editor: editor)
    let session = Session(course: loaded.course, judge: loaded.judge, store: store, progress: progress,
                          screen: screen, editor: editor, lessonHashes: loaded.lessonHashes)
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
