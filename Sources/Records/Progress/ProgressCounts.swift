import Lessons

/// How much of the course a learner's progress covers.
extension CourseNavigator {
    /// Checkpoints done in the current lesson, and how many it has.
    public func lessonCounts(_ progress: LearnerProgress) -> (done: Int, total: Int) {
        guard let lesson else { return (0, 0) }
        return (lesson.checkpointIDs.filter(progress.isDone).count, lesson.checkpointIDs.count)
    }

    /// Checkpoints done in the whole course, and how many it has.
    public func courseCounts(_ progress: LearnerProgress) -> (done: Int, total: Int) {
        let all = outline.checkpointIDs
        return (all.filter(progress.isDone).count, all.count)
    }

    /// How a lesson stands: done (all checkpoints done), started, or not started.
    public static func lessonState(_ lesson: LessonOutline, _ progress: LearnerProgress) -> LessonState {
        let records = lesson.checkpointIDs.compactMap { progress.checkpoints[$0] }
        if !lesson.checkpointIDs.isEmpty, lesson.checkpointIDs.allSatisfy(progress.isDone) { return .done }
        if !records.isEmpty { return .started }
        if lesson.checkpointIDs.isEmpty, let position = progress.position,
           position.lesson == lesson.id { return .started }
        return .notStarted
    }
}
