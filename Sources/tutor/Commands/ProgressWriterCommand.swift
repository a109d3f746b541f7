import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// A hidden command for the tests: saves progress in a loop, forever, so a test can kill it
/// with SIGKILL mid-write and check that the file is always a complete version.
struct ProgressWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "debug-progress-writer", shouldDisplay: false)

    @Option var state: String
    @Option var learner = "writer"

    func run() throws {
        let store = ProgressStore(location: ProgressLocation(stateDirectory: state, learner: learner, course: "stress"))
        var progress = LearnerProgress(learner: learner, course: "stress", language: "en")
        var round = 0
        while true {
            round += 1
            // Each version is larger than the last and names its round in every record,
            // so a test can tell a complete file from a mixed one.
            progress.recordAnswer("c\(round % 50)", lesson: "l", answer: "round \(round) " + String(repeating: "x", count: round % 500),
                                  outcome: .incorrect)
            progress.position = CoursePosition(lesson: "round-\(round)", step: round)
            try store.save(progress)
        }
    }
}
