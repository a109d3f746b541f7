import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor list`: the lessons with a progress mark each.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show the course with your progress in each lesson.")

    @OptionGroup var options: CourseOptions
    @OptionGroup var stateOptions: StateOptions

    func run() throws {
        let course = options.loadCourse()
        let progress = ProgressStore(location: stateOptions.location(course: course), language: options.language).peek()
        let color = Terminal.supportsColor
        let width = isatty(STDOUT_FILENO) != 0 ? Terminal.size.columns : 80
        let lines = CourseListing.lines(course: course, language: options.language, progress: progress, current: nil,
                                        style: TerminalText(color: color), width: min(width, 100))
        print(lines.joined(separator: "\n"))
    }
}
