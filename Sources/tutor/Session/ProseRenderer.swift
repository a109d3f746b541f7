import Foundation
import TerminalMarkdown
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// Lesson Markdown → terminal lines of at most `width` columns, through the cmark renderer.
enum ProseRenderer {
    static func render(_ markdown: String, width: Int, color: Bool) -> [String] {
        guard !markdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        let renderer = TerminalRenderer(options: RenderOptions(width: max(width, 10), color: color, hyperlinks: false))
        return renderer.render(parseMarkdown(markdown))
    }
}
