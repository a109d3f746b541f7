import TutorCore

/// Lesson Markdown → terminal lines of at most `width` columns.
enum ProseRenderer {
    static func render(_ markdown: String, width: Int, color: Bool) -> [String] {
        Screen.wrap(markdown, columns: width)
    }
}
