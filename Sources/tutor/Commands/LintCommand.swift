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

    @Option(help: ArgumentHelp("Train the reference runs not yet cached this many at a time, each on one thread, before checking.",
                               discussion: "Without it each run uses every core, one run after another."))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        let dir = directory ?? Course.defaultDirectory()
        let judge = Judge()
        var linter = Linter(judge: judge)
        if let jobs {
            _ = linter.trainMissingRuns(directory: dir, jobs: jobs) { n, count in
                printError("  training reference run \(n) of \(count) (\(jobs) at a time)…")
            }
        }
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
