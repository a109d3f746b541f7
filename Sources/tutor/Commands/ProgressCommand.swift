import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor progress`: a summary of the learner's progress.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress", abstract: "Summarise your progress: checkpoints done, hints and solutions used.")

    @OptionGroup var options: CourseOptions
    @OptionGroup var stateOptions: StateOptions

    func run() throws {
        let course = options.loadCourse()
        let location = stateOptions.location(course: course)
        let progress = ProgressStore(location: location, language: options.language).peek()
        print(ProgressSummary.lines(course: course, language: options.language, progress: progress, location: location,
                                    style: TerminalText(color: Terminal.supportsColor)).joined(separator: "\n"))
    }
}

/// The text of `tutor progress`.
enum ProgressSummary {
    static func lines(course: Course, language: TutorLanguage, progress: LearnerProgress, location: ProgressLocation,
                      style: TerminalText) -> [String] {
        let lessons = course.lessons(in: language.rawValue)
        var lines = [style.bold(TutorText.progressTitle.text(language, location.learner, course.name, language.rawValue))]
        let ids = course.outline(language: language.rawValue).checkpointIDs
        let records = ids.compactMap { progress.checkpoints[$0] }
        // Answers to checkpoints a new edition of the course dropped or renamed: kept, never counted.
        let known = Set(ids)
        let retired = progress.checkpoints.keys.filter { !known.contains($0) }.sorted()
        let retiredNote = retired.isEmpty ? [] : [style.dim(TutorText.progressRetired.text(language, retired.count, retired.joined(separator: ", ")))]
        guard !records.isEmpty else {
            lines.append(TutorText.progressNone.text(language))
            return lines + retiredNote
        }
        let done = ids.filter(progress.isDone).count
        let correct = records.filter { record in record.attempts.contains { $0.outcome == .correct } }.count
        let hints = records.reduce(0) { $0 + $1.hintsUsed }
        let solutions = records.filter(\.solutionViewed).count
        lines.append(TutorText.progressLine.text(language, done, ids.count, correct, hints, solutions))
        lines.append(progressBar(done: done, total: ids.count, width: 40))
        for lesson in lessons where !lesson.checkpoints.isEmpty {
            let lessonIDs = lesson.checkpoints.map(\.id)
            let lessonDone = lessonIDs.filter(progress.isDone).count
            let attempts = lessonIDs.compactMap { progress.checkpoints[$0]?.attemptCount }.reduce(0, +)
            lines.append("  " + TextWidth.padRight(TextWidth.truncate(lesson.title, to: 36), to: 36)
                         + " \(lessonDone)/\(lessonIDs.count)" + style.dim("  " + TutorText.attemptsCount.text(language, attempts)))
        }
        if let position = progress.position, let lesson = lessons.first(where: { $0.id == position.lesson }) {
            lines.append(style.dim("▶ " + lesson.title))
        }
        lines += retiredNote
        lines.append(style.dim(location.file))
        return lines
    }
}
