import Lessons
import TerminalMarkdown

/// A checkpoint as the learner sees it: its prompt and choices in a titled box, never its
/// answer or explanation (the session, and `tutor show` on a lesson).
enum CheckpointPanel {
    static func lines(_ checkpoint: CheckpointSpec, width: Int, style: TerminalText, language: TutorLanguage,
                      done: Bool = false) -> [String] {
        let inner = width - 4
        var body = ProseRenderer.render(checkpoint.prompt, width: inner, color: style.color)
        for (index, choice) in checkpoint.choices.enumerated() {
            let label = CheckpointSpec.letter(index) + ") "
            let rendered = ProseRenderer.render(choice, width: inner - 4, color: style.color)
            body.append(" " + style.bold(label) + (rendered.first ?? ""))
            body += rendered.dropFirst().map { "    " + $0 }
        }
        if done {
            body.append(style.green(TextWidth.truncate(TutorText.alreadyDone.text(language), to: inner)))
        }
        let title = "▶ " + TutorText.checkpointHeader.text(language, checkpoint.id)
        return Screen.box(title: title, body: body, width: width, style: style)
    }
}
