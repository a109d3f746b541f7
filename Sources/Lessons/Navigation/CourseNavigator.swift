/// Where the learner is in a course, and how `next`, `back`, `open` and resuming move it.
///
/// A lesson with n checkpoints has n + 1 steps: step k shows the text before checkpoint k
/// and then asks it; step n shows the text after the last checkpoint (the lesson's end).
public struct CourseNavigator: Equatable, Sendable {
    public let outline: CourseOutline
    public private(set) var lessonIndex: Int
    public private(set) var step: Int

    /// Starts at `position` when it names a lesson of the course (its step clamped to the
    /// lesson), else at the first lesson's start.
    public init(outline: CourseOutline, position: CoursePosition? = nil) {
        self.outline = outline
        lessonIndex = 0
        step = 0
        if let position, let index = outline.lessons.firstIndex(where: { $0.id == position.lesson }) {
            lessonIndex = index
            step = min(max(position.step, 0), outline.lessons[index].stepCount - 1)
        }
    }

    public var lesson: LessonOutline? { outline.lessons.indices.contains(lessonIndex) ? outline.lessons[lessonIndex] : nil }

    /// The checkpoint asked at this step; nil at a lesson's last step.
    public var checkpointID: String? {
        guard let lesson, step < lesson.checkpointIDs.count else { return nil }
        return lesson.checkpointIDs[step]
    }

    public var position: CoursePosition? { lesson.map { CoursePosition(lesson: $0.id, step: step) } }
    public var isAtCourseStart: Bool { lessonIndex == 0 && step == 0 }
    public var isAtCourseEnd: Bool {
        guard let lesson else { return true }
        return lessonIndex == outline.lessons.count - 1 && step == lesson.stepCount - 1
    }

    /// Moves one step on (into the next lesson after a lesson's end); false at the course end.
    @discardableResult
    public mutating func next() -> Bool {
        guard let lesson, !isAtCourseEnd else { return false }
        if step + 1 < lesson.stepCount {
            step += 1
        } else {
            lessonIndex += 1
            step = 0
        }
        return true
    }

    /// Moves one step back (to the previous lesson's end from a lesson's start); false at the start.
    @discardableResult
    public mutating func back() -> Bool {
        guard lesson != nil, !isAtCourseStart else { return false }
        if step > 0 {
            step -= 1
        } else {
            lessonIndex -= 1
            step = outline.lessons[lessonIndex].stepCount - 1
        }
        return true
    }

    /// Goes to the start of lesson `index`; false when there is no such lesson.
    @discardableResult
    public mutating func open(lesson index: Int) -> Bool {
        guard outline.lessons.indices.contains(index) else { return false }
        lessonIndex = index
        step = 0
        return true
    }

    /// Goes to the step that asks checkpoint `id`; false when no lesson has it.
    @discardableResult
    public mutating func open(checkpoint id: String) -> Bool {
        for (index, lesson) in outline.lessons.enumerated() {
            if let position = lesson.checkpointIDs.firstIndex(of: id) {
                lessonIndex = index
                step = position
                return true
            }
        }
        return false
    }
}

/// Where the learner is: a lesson file and a step inside it (step 0 is the lesson's start,
/// step k > 0 is its k-th checkpoint).
public struct CoursePosition: Codable, Equatable, Sendable {
    public var lesson: String
    public var step: Int
    public init(lesson: String, step: Int) {
        self.lesson = lesson
        self.step = step
    }
}

/// How far a learner is in one lesson.
public enum LessonState: String, Sendable {
    case done, started, notStarted
}
