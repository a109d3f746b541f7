import ArgumentParser
import Foundation
import TutorCore

/// `tutor list`: the lessons with a progress mark each.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show the course with your progress in each lesson.")

    @OptionGroup var options: CourseOptions

    func run() throws {
        let language = try options.language()
        let loaded = loadCourse(options, language: language)
        let progress = ProgressStore(location: options.location(course: loaded.course)).peek()
        let color = Terminal.supportsColor
        let width = isatty(STDOUT_FILENO) != 0 ? Terminal.size.columns : 80
        let lines = CourseListing.lines(course: loaded.course, progress: progress, current: nil,
                                        style: TerminalText(color: color), width: min(width, 100))
        print(lines.joined(separator: "\n"))
    }
}
