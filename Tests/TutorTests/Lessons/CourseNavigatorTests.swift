import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

@Suite struct CourseNavigatorTests {
    let outline = CourseOutline(lessons: [
        LessonOutline(id: "00-intro", title: "Introduction", checkpointIDs: []),
        LessonOutline(id: "01-relu", title: "ReLU", checkpointIDs: ["relu-a", "relu-b"]),
        LessonOutline(id: "02-net", title: "The network", checkpointIDs: ["net-a"]),
    ])

    @Test func aFirstRunStartsAtTheFirstLesson() {
        let navigator = CourseNavigator(outline: outline)
        #expect(navigator.lessonIndex == 0 && navigator.step == 0)
        #expect(navigator.checkpointID == nil)
        #expect(navigator.isAtCourseStart)
    }

    @Test func nextWalksEveryStepOfTheCourseInOrder() {
        var navigator = CourseNavigator(outline: outline)
        var visited: [String] = []
        repeat {
            visited.append("\(navigator.lesson!.id)#\(navigator.step):\(navigator.checkpointID ?? "-")")
        } while navigator.next()
        #expect(visited == ["00-intro#0:-", "01-relu#0:relu-a", "01-relu#1:relu-b", "01-relu#2:-",
                            "02-net#0:net-a", "02-net#1:-"])
        #expect(navigator.isAtCourseEnd)
        let movedPastEnd = navigator.next()
        #expect(!movedPastEnd)
    }

    @Test func backRetracesNextExactly() {
        var navigator = CourseNavigator(outline: outline)
        var forward: [CoursePosition] = [navigator.position!]
        while navigator.next() { forward.append(navigator.position!) }
        var backward: [CoursePosition] = [navigator.position!]
        while navigator.back() { backward.append(navigator.position!) }
        #expect(backward == forward.reversed())
        let movedBeforeStart = navigator.back()
        #expect(!movedBeforeStart)
    }

    @Test func resumingUsesTheSavedPositionAndClampsAStaleStep() {
        let resumed = CourseNavigator(outline: outline, position: CoursePosition(lesson: "01-relu", step: 1))
        #expect(resumed.checkpointID == "relu-b")
        let stale = CourseNavigator(outline: outline, position: CoursePosition(lesson: "02-net", step: 7))
        #expect(stale.step == 1)
        let gone = CourseNavigator(outline: outline, position: CoursePosition(lesson: "09-removed", step: 2))
        #expect(gone.lessonIndex == 0 && gone.step == 0)
    }

    @Test(arguments: [("1", 1), ("01", 1), ("01-relu.md", 1), ("01-relu", 1), ("relu", 1), ("the net", 2),
                      ("net-a", 2), ("intro", 0), ("0", 0)])
    func lessonsAreFoundByNumberNameOrTitle(query: String, expected: Int) {
        #expect(outline.lessonIndex(matching: query) == expected)
    }

    @Test func unknownLessonsAreNotFound() {
        #expect(outline.lessonIndex(matching: "7") == nil)
        #expect(outline.lessonIndex(matching: "softmax") == nil)
        #expect(outline.lessonIndex(matching: "  ") == nil)
    }

    @Test func openJumpsToALessonOrACheckpoint() {
        var navigator = CourseNavigator(outline: outline)
        let openedLesson = navigator.open(lesson: 2)
        #expect(openedLesson && navigator.checkpointID == "net-a")
        let openedCheckpoint = navigator.open(checkpoint: "relu-b")
        #expect(openedCheckpoint && navigator.lessonIndex == 1 && navigator.step == 1)
        let missingLesson = navigator.open(lesson: 3)
        let missingCheckpoint = navigator.open(checkpoint: "nope")
        #expect(!missingLesson && !missingCheckpoint)
    }

    @Test func countsFollowTheProgress() {
        var progress = LearnerProgress(learner: "ada", course: "c", language: "en")
        progress.recordAnswer("relu-a", lesson: "01-relu", answer: "1", outcome: .correct)
        progress.recordAnswer("relu-b", lesson: "01-relu", answer: "2", outcome: .incorrect)
        var navigator = CourseNavigator(outline: outline)
        navigator.open(lesson: 1)
        #expect(navigator.lessonCounts(progress) == (1, 2))
        #expect(navigator.courseCounts(progress) == (1, 3))
        #expect(CourseNavigator.lessonState(outline.lessons[1], progress) == .started)
        #expect(CourseNavigator.lessonState(outline.lessons[2], progress) == .notStarted)
        progress.recordAnswer("relu-b", lesson: "01-relu", answer: "3", outcome: .correct)
        #expect(CourseNavigator.lessonState(outline.lessons[1], progress) == .done)
    }
}
