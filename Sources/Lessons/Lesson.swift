/// One lesson: a Markdown file `lessons/<lang>/NN-slug.md`, split into prose and checkpoints.
public struct Lesson: Sendable {
    /// The file name without `.md`, e.g. `03-relu`; the same in every language.
    public let id: String
    /// The language folder the lesson came from (`en`, `zh`).
    public let language: String
    /// The text of the first heading (the file name when there is none).
    public let title: String
    /// The whole Markdown source.
    public let markdown: String
    /// SHA-256 of the source, kept with every answer so grading notices a changed lesson.
    public let sha256: String
    /// The path the lesson was read from.
    public let file: String
    /// Prose and checkpoints in reading order.
    public let blocks: [LessonBlock]
    /// Checkpoint blocks whose YAML did not parse into a spec (lint reports them; the tutor
    /// may show them as broken instead of refusing the whole lesson).
    public let errors: [LessonError]

    /// The checkpoints, in order.
    public var checkpoints: [CheckpointSpec] {
        blocks.compactMap { if case let .checkpoint(spec) = $0 { return spec } else { return nil } }
    }

    /// The lesson's number, the `NN` of `NN-slug` (nil when the name does not start with digits).
    public var number: Int? { Int(id.prefix(while: { $0.isNumber })) }

    /// The lesson as the tutor walks it: the text before each checkpoint with that checkpoint,
    /// then the text after the last one (always `checkpoints.count + 1` steps).
    public var steps: [LessonStep] {
        var steps: [LessonStep] = []
        var text = ""
        for block in blocks {
            switch block {
            case let .prose(markdown, _):
                text += (text.isEmpty ? "" : "\n\n") + markdown
            case let .checkpoint(spec):
                steps.append(LessonStep(markdown: text, checkpoint: spec))
                text = ""
            }
        }
        steps.append(LessonStep(markdown: text, checkpoint: nil))
        return steps
    }

    /// The lesson's shape for navigation.
    public var outline: LessonOutline { LessonOutline(id: id, title: title, checkpointIDs: checkpoints.map(\.id)) }
}

/// One step of a lesson: Markdown, then the checkpoint it leads to (nil after the last one).
public struct LessonStep: Sendable {
    public var markdown: String
    public var checkpoint: CheckpointSpec?
}

/// A piece of a lesson: Markdown to render, or a checkpoint.
public enum LessonBlock: Sendable {
    /// Markdown text between checkpoints, starting at `line` of the file.
    case prose(markdown: String, line: Int)
    case checkpoint(CheckpointSpec)
}
