import TutorCore

/// The course as a list with a mark per lesson (`tutor list`, and `list` at the prompt).
enum CourseListing {
    static func lines(course: TutorCourse, progress: LearnerProgress, current: CourseNavigator?,
                      style: TerminalText, width: Int) -> [String] {
        let language = course.language
        var lines = [style.bold(TutorText.listTitle.text(language, course.name))]
        for (index, lesson) in course.lessons.enumerated() {
            let outline = course.outline.lessons[index]
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
            let title = TerminalText.truncate(lesson.title, to: max(8, width - TerminalText.width(head) - counts.count - 1))
            lines.append(head + TerminalText.pad(title, to: max(8, width - TerminalText.width(head) - counts.count - 1))
                         + style.dim(counts))
        }
        lines.append(style.dim(TerminalText.truncate(TutorText.listLegend.text(language), to: width)))
        return lines
    }
}
