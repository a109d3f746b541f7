import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// The course as a list with a mark per lesson (`tutor list`, and `list` at the prompt).
enum CourseListing {
    static func lines(course: Course, language: TutorLanguage, progress: LearnerProgress, current: CourseNavigator?,
                      style: TerminalText, width: Int) -> [String] {
        var lines = [style.bold(TutorText.listTitle.text(language, course.name))]
        for (index, lesson) in course.lessons(in: language.rawValue).enumerated() {
            let outline = lesson.outline
            let state = CourseNavigator.lessonState(outline, progress)
            let mark: String
            switch state {
            case .done: mark = style.green("✔")
            case .started: mark = style.yellow("◐")
            case .notStarted: mark = style.dim("·")
            }
            let here = current.map { $0.lessonIndex == index } ?? (progress.position?.lesson == lesson.id)
            let done = outline.checkpointIDs.filter(progress.isDone).count
            let counts = outline.checkpointIDs.isEmpty ? "" : " \(done)/\(outline.checkpointIDs.count)"
            let number = String(format: "%2d", outline.number ?? index)
            let head = (here ? "▶" : " ") + " \(mark) \(number) "
            let title = TextWidth.truncate(lesson.title, to: max(8, width - TextWidth.of(head) - counts.count - 1))
            lines.append(head + TextWidth.padRight(title, to: max(8, width - TextWidth.of(head) - counts.count - 1))
                         + style.dim(counts))
        }
        lines.append(style.dim(TextWidth.truncate(TutorText.listLegend.text(language), to: width)))
        return lines
    }
}
