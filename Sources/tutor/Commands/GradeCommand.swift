import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor grade [PATH…]`: scores saved progress, answer files or folders of submissions.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Score your saved progress, or answer files / folders of submissions (one per learner).",
        discussion: """
            A submission is a progress file (progress.json) or an answers file mapping checkpoint ids to \
            answers, in JSON or YAML. A folder holds one submission per file or sub-folder. Answers are \
            judged again against the lessons (--lessons DIR may name an instructor's folder with hidden \
            checkpoints). Points per checkpoint come from the lessons (default 1); reflections count as \
            completion. Broken submissions are reported in their row and do not stop the others.
            """)

    @Argument(help: "Progress files, answer files, or folders of submissions (default: your own progress).")
    var paths: [String] = []

    @Flag(name: .long, help: "Partial credit: −25% per extra attempt (at least 25%), none after viewing the solution.")
    var partial = false

    @Option(name: .long, help: "Format of --output (or of standard output): table, csv, json, junit.")
    var format: String?

    @Option(name: .long, help: "Write the report in --format to this file (the table still goes to the terminal).")
    var output: String?

    @Option(name: .long, help: "How many submissions to grade at once (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var options: CourseOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var data: DataOption

    func validate() throws {
        if let format, GradeFormat(rawValue: format) == nil {
            throw ValidationError("--format \(format): expected one of table, csv, json, junit")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let language = options.language
        let course = options.loadCourse()
        let submissions: [Submission]
        // Your own progress: its code answers are checked in the workspace the course remembers.
        var ownWorkspace: String?
        if paths.isEmpty {
            let location = stateOptions.location(course: course)
            let progress = ProgressStore(location: location, language: language).peek()
            guard !progress.checkpoints.isEmpty else {
                TutorFailure(TutorText.progressNone.text(language) + " (\(location.file))", code: 2).exit()
            }
            submissions = [SubmissionReader.read(progress: progress, source: location.file, learner: location.learner)]
            ownWorkspace = location.rememberedWorkspace()
        } else {
            submissions = SubmissionReader.read(paths: paths)
        }
        let judge = Judge(environment: CallEnvironment(dataDirectory: data.data), code: LearnerCodeJudge(workspace: ownWorkspace))
        let others = course.languages.filter { $0 != language.rawValue }.flatMap { course.lessons(in: $0) }
        let grader = Grader(lessons: course.lessons(in: language.rawValue), judge: judge, language: language, partialCredit: partial,
                            translations: others)
        let report = grader.grade(submissions, workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let chosen = format.flatMap(GradeFormat.init(rawValue:)) ?? .table
        let width = isatty(STDOUT_FILENO) != 0 ? Terminal.size.columns : 100
        if let output {
            do {
                try AtomicFile.write(report.rendered(chosen, width: width), to: output)
            } catch {
                TutorFailure("\(output): cannot write the report (\(error))").exit()
            }
            print(report.table(width: width), terminator: "")
            print("→ \(output) (\(chosen.rawValue))")
        } else {
            print(report.rendered(chosen, width: width), terminator: "")
        }
    }
}
