import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor reset [--lesson N] [--yes]`: deletes progress, after asking.
struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Delete your progress (all of it, or one lesson's); asks first.")

    @Option(name: .long, help: "Only this lesson (number, file name or title).")
    var lesson: String?

    @Flag(name: [.long, .customShort("y")], help: "Do not ask (for scripts).")
    var yes = false

    @OptionGroup var options: CourseOptions
    @OptionGroup var stateOptions: StateOptions

    func run() throws {
        let language = options.language
        let course = options.loadCourse()
        var lessonID: String?
        if let lesson {
            let outline = course.outline(language: language.rawValue)
            guard let index = outline.lessonIndex(matching: lesson) else {
                TutorFailure(TutorText.lessonNotFound.text(language, lesson), code: 2).exit()
            }
            lessonID = outline.lessons[index].id
        }
        let (store, progress) = stateOptions.open(course: course, language: language)
        let affected = lessonID.map { id in progress.checkpoints.values.filter { $0.lesson == id }.count } ?? progress.checkpoints.count
        guard affected > 0 || (lessonID == nil && progress.position != nil) else {
            print(TutorText.resetNothing.text(language))
            return
        }
        if !yes {
            let question = lessonID.map { TutorText.resetConfirmLesson.text(language, $0) }
                ?? TutorText.resetConfirmAll.text(language, store.location.learner, course.name, language.rawValue)
            FileHandle.standardOutput.write(Data(question.utf8))
            let reply = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard ["y", "yes", "是", "好"].contains(reply) else {
                print(TutorText.resetCancelled.text(language))
                return
            }
        }
        var updated = progress
        let removed = updated.reset(lesson: lessonID)
        do {
            if lessonID == nil { try store.delete() } else { try store.save(updated) }
        } catch let error as ProgressStoreError {
            TutorFailure(error.message(language)).exit()
        }
        print(TutorText.resetDone.text(language, removed))
    }
}
