import Foundation
import TerminalMarkdown
import TutorCore

/// Lesson Markdown → terminal lines of at most `width` columns, through the cmark renderer.
enum ProseRenderer {
    static func render(_ markdown: String, width: Int, color: Bool) -> [String] {
        guard !markdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        let renderer = TerminalRenderer(options: RenderOptions(width: max(width, 10), color: color, hyperlinks: false))
        return renderer.render(parseMarkdown(markdown))
    }
}
