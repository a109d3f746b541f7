import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor lint [DIR]`: every problem in a folder of lessons as `file:line: message`; exit 1 on any.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check every lesson: checkpoint specs, calls, references, ids, languages.")

    @Argument(help: "The folder of lessons (default: ./lessons).")
    var directory: String?

    func run() throws {
        let dir = directory ?? Course.defaultDirectory()
        let judge = Judge()
        var linter = Linter(judge: judge)
        var count = 0
        linter.onCheckpoint = { lesson, spec in
            count += 1
            if spec.code == nil, judge.isExpensive(spec) {   // say why lint pauses: a training run not yet cached
                printError("  computing \(spec.id) (\(lesson.language)/\(lesson.id)): \(spec.call ?? "")…")
            }
        }
        let problems = linter.lint(directory: dir)
        for p in problems { print(p.description) }
        if problems.isEmpty {
            print("\(dir): \(count) checkpoints, no problems")
        } else {
            printError("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(dir)")
            throw ExitCode(1)
        }
    }
}
