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
                                    style: TerminalText(color: Terminal.supportsColor),
                                    width: TerminalEnvironment.width()).joined(separator: "\n"))
    }
}

/// The text of `tutor progress`, its sentences wrapped to `width` columns.
enum ProgressSummary {
    static func lines(course: Course, language: TutorLanguage, progress: LearnerProgress, location: ProgressLocation,
                      style: TerminalText, width: Int) -> [String] {
        let lessons = course.lessons(in: language.rawValue)
        var lines = wrapText(TutorText.progressTitle.text(language, location.learner, course.name, language.rawValue), width: width)
            .map(style.bold)
        let ids = course.outline(language: language.rawValue).checkpointIDs
        let records = ids.compactMap { progress.checkpoints[$0] }
        // Answers to checkpoints a new edition of the course dropped or renamed: kept, never counted.
        let known = Set(ids)
        let retired = progress.checkpoints.keys.filter { !known.contains($0) }.sorted()
        let retiredNote = retired.isEmpty ? []
            : wrapText(TutorText.progressRetired.text(language, retired.count, retired.joined(separator: ", ")), width: width).map(style.dim)
        guard !records.isEmpty else {
            lines += wrapText(TutorText.progressNone.text(language), width: width)
            return lines + retiredNote
        }
        let done = ids.filter(progress.isDone).count
        let correct = records.filter { record in record.attempts.contains { $0.outcome == .correct } }.count
        let hints = records.reduce(0) { $0 + $1.hintsUsed }
        let solutions = records.filter(\.solutionViewed).count
        lines += wrapText(TutorText.progressLine.text(language, done, ids.count, correct, hints, solutions), width: width)
        lines.append(progressBar(done: done, total: ids.count, width: min(40, max(10, width - 12))))
        let rows = lessons.filter { !$0.checkpoints.isEmpty }.map { lesson in
            let lessonIDs = lesson.checkpoints.map(\.id)
            let attempts = lessonIDs.compactMap { progress.checkpoints[$0]?.attemptCount }.reduce(0, +)
            return (title: lesson.title, count: " \(lessonIDs.filter(progress.isDone).count)/\(lessonIDs.count)",
                    attempts: "  " + TutorText.attemptsCount.text(language, attempts))
        }
        // The title column gives way first, so that a row fits a narrow terminal.
        let tail = rows.map { TextWidth.of($0.count + $0.attempts) }.max() ?? 0
        let titleWidth = max(8, min(36, width - 2 - tail))
        for row in rows {
            lines.append("  " + TextWidth.padRight(TextWidth.truncate(row.title, to: titleWidth), to: titleWidth)
                         + row.count + style.dim(row.attempts))
        }
        if let position = progress.position, let lesson = lessons.first(where: { $0.id == position.lesson }) {
            lines.append(style.dim("▶ " + TextWidth.truncate(lesson.title, to: max(8, width - 2))))
        }
        lines += retiredNote
        lines.append(style.dim(location.file))
        return lines
    }
}
