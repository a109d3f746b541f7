/// A checkpoint as the interactive tutor shows it.
public struct TutorCheckpoint: Sendable, Equatable {
    public var id: String
    /// The `expect` kind (`number`, `tensor`, `choice`, `reflection`, …).
    public var expect: String
    /// The question (Markdown).
    public var prompt: String
    public var hints: [String]
    public var choices: [String]
    /// The registry call behind the reference, if any (`train` and friends take long).
    public var call: String?
    public var points: Double

    public init(id: String, expect: String, prompt: String, hints: [String] = [], choices: [String] = [],
                call: String? = nil, points: Double = 1) {
        self.id = id
        self.expect = expect
        self.prompt = prompt
        self.hints = hints
        self.choices = choices
        self.call = call
        self.points = points
    }

    public var isReflection: Bool { expect == "reflection" }
    /// Whether computing the reference may take long enough to show a progress bar.
    public var isLong: Bool { ["train", "sweep", "evaluate_accuracy", "predict"].contains(call ?? "") }
}

/// One step of a lesson: the Markdown before a checkpoint, and the checkpoint (nil for the
/// text after the last checkpoint).
public struct TutorStep: Sendable, Equatable {
    public var markdown: String
    public var checkpoint: TutorCheckpoint?
    public init(markdown: String, checkpoint: TutorCheckpoint?) {
        self.markdown = markdown
        self.checkpoint = checkpoint
    }
}

/// A lesson as the tutor walks it.
public struct TutorLesson: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Always `checkpoints + 1` steps.
    public var steps: [TutorStep]
    /// Checkpoint blocks that could not be read (`file:line: message`): shown, not hidden.
    public var problems: [String]
    public init(id: String, title: String, steps: [TutorStep], problems: [String] = []) {
        self.id = id
        self.title = title
        self.steps = steps
        self.problems = problems
    }

    public var checkpoints: [TutorCheckpoint] { steps.compactMap(\.checkpoint) }

    /// Builds the steps from prose and checkpoints in reading order.
    public init(id: String, title: String, blocks: [TutorLessonBlock], problems: [String] = []) {
        var steps: [TutorStep] = []
        var text = ""
        for block in blocks {
            switch block {
            case .prose(let markdown):
                text += (text.isEmpty ? "" : "\n\n") + markdown
            case .checkpoint(let checkpoint):
                steps.append(TutorStep(markdown: text, checkpoint: checkpoint))
                text = ""
            }
        }
        steps.append(TutorStep(markdown: text, checkpoint: nil))
        self.init(id: id, title: title, steps: steps, problems: problems)
    }
}

/// A piece of a lesson, in reading order.
public enum TutorLessonBlock: Sendable, Equatable {
    case prose(String)
    case checkpoint(TutorCheckpoint)
}

/// The lessons of one course in one language.
public struct TutorCourse: Sendable, Equatable {
    /// The course's name in the progress folder (the lessons folder's name).
    public var name: String
    public var language: TutorLanguage
    public var lessons: [TutorLesson]

    public init(name: String, language: TutorLanguage, lessons: [TutorLesson]) {
        self.name = name
        self.language = language
        self.lessons = lessons
    }

    public var outline: CourseOutline {
        CourseOutline(lessons: lessons.map { LessonOutline(id: $0.id, title: $0.title, checkpointIDs: $0.checkpoints.map(\.id)) })
    }

    /// The checkpoint with `id` and its lesson.
    public func checkpoint(_ id: String) -> (lesson: TutorLesson, checkpoint: TutorCheckpoint)? {
        for lesson in lessons {
            if let checkpoint = lesson.checkpoints.first(where: { $0.id == id }) { return (lesson, checkpoint) }
        }
        return nil
    }
}
