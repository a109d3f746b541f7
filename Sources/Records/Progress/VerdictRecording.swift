import Foundation
import Judging
import Lessons

extension LearnerProgress {
    /// Records a verdict: the one attempt record that the prompt, `tutor check` and
    /// `tutor watch` all write. `answer` is what grading judges again: the typed text, the
    /// contents of an answer file, or the workspace of a code check.
    public mutating func record(_ verdict: Verdict, answer: String, lesson: Lesson, language: TutorLanguage,
                                now: Date = Date()) {
        recordAnswer(verdict.checkpointID, lesson: lesson.id, answer: answer, outcome: verdict.outcome,
                     summary: verdict.message.text(language), lessonHash: lesson.sha256, now: now)
    }
}
