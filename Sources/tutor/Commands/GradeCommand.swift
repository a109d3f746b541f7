import D2L
import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor grade [PATH…]` (grading, whole or one shard) and `tutor grade merge PART…`.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Score your saved progress, or answer files / folders of submissions (one per learner).",
        subcommands: [GradeRunCommand.self, GradeMergeCommand.self],
        defaultSubcommand: GradeRunCommand.self)
}

/// `tutor grade [PATH…]`: scores saved progress, answer files or folders of submissions.
struct GradeRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Score submissions (the default: `tutor grade PATH…` is `tutor grade run PATH…`).",
        discussion: """
            A submission is a progress file (progress.json) or an answers file mapping checkpoint ids to \
            answers, in JSON or YAML. A folder holds one submission per file or sub-folder. Answers are \
            judged again against the lessons (--lessons DIR may name an instructor's folder with hidden \
            checkpoints). The answer to a code checkpoint is the path of the learner's workspace inside \
            the learner's own folder; it runs in the sandbox, and without one it is not graded unless \
            --unsafe-no-sandbox is given. Points per checkpoint come from the lessons (default 1); reflections count as \
            completion. Broken submissions are reported in their row and do not stop the others.
            Checkpoints with per-learner inputs are judged with the inputs of the learner id the
            submission declares (its progress file's learner, an answers file's `learner:`), else its name.
            With --shard K/N only the submissions whose name hashes to K are graded and the report is
            partial; `tutor grade merge` makes the final report from all N (see docs/grading-a-class.md).
            """)

    @Argument(help: "Progress files, answer files, or folders of submissions (default: your own progress).")
    var paths: [String] = []

    @Flag(name: .long, help: "Partial credit: −25% per extra attempt (at least 25%), none after viewing the solution.")
    var partial = false

    @Option(name: .long, help: "A credit policy file (YAML or JSON: per_extra_attempt, per_hint, solution_viewed, minimum).")
    var policy: String?

    @Option(name: .customLong("hint-penalty"), help: "Share of the points lost per hint used (0.1 is 10 %).")
    var hintPenalty: Double?

    @Option(name: .customLong("attempt-penalty"), help: "Share of the points lost per judged attempt before the right one.")
    var attemptPenalty: Double?

    @Option(name: .customLong("solution-credit"), help: "Share kept when the solution was viewed before the right answer (0: none).")
    var solutionCredit: Double?

    @Option(name: .customLong("min-credit"), help: "The least share a right answer keeps (when the solution was not viewed first).")
    var minCredit: Double?

    @Flag(name: .long, help: "Print the item analysis instead: per checkpoint the share right, median attempts, common misconceptions and malformed answers.")
    var summary = false

    @Option(name: .long, help: "Grade only shard K of N (K from 0; e.g. $JOB_COMPLETION_INDEX/4) and write a partial report for `tutor grade merge`.")
    var shard: String?

    @Option(name: .customLong("course-id"), help: "The course id per-learner inputs are drawn for when a submission names none (default: the course's).")
    var courseID: String?

    @Option(name: .long, help: "Format of --output (or of standard output): table, csv, json, junit.")
    var format: String?

    @Option(name: .long, help: "Write the report in --format to this file (the table still goes to the terminal).")
    var output: String?

    @Option(name: .long, help: "How many submissions to grade at once (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .customLong("unsafe-no-sandbox"),
          help: "Grade code checkpoints even where learner code cannot be sandboxed (bubblewrap), with time, memory and output limits only.")
    var unsafeNoSandbox = false

    @OptionGroup var options: CourseOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var data: DataOption

    func validate() throws {
        if let format, GradeFormat(rawValue: format) == nil {
            throw ValidationError("--format \(format): expected one of table, csv, json, junit")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let shard {
            guard let parsed = GradeShard(parsing: shard) else {
                throw ValidationError("--shard \(shard): expected K/N with 0 ≤ K < N, like 0/4 (K counts from 0, as JOB_COMPLETION_INDEX does)")
            }
            if output == nil { throw ValidationError("--shard \(parsed) writes a partial report: give --output FILE (then `tutor grade merge FILES…`)") }
            if let format, format != "json" { throw ValidationError("--shard writes a partial report in JSON; leave out --format \(format)") }
            if summary { throw ValidationError("--summary needs every submission: give it to `tutor grade merge`") }
        }
    }

    /// The credit policy from --partial, --policy and the single flags (in that order).
    func creditPolicy() throws -> CreditPolicy {
        var chosen: CreditPolicy = partial ? .partial : .full
        if let policy { chosen = try CreditPolicy.load(file: policy, base: chosen) }
        for (key, flag, value) in [("per_hint", "--hint-penalty", hintPenalty), ("per_extra_attempt", "--attempt-penalty", attemptPenalty),
                                   ("solution_viewed", "--solution-credit", solutionCredit), ("minimum", "--min-credit", minCredit)] {
            if let value { try chosen.set(key, value, source: flag) }
        }
        return chosen
    }

    func run() throws {
        let language = options.language
        let course = options.loadCourse()
        let credit: CreditPolicy
        do { credit = try creditPolicy() } catch { TutorFailure("\(error)", code: 2).exit() }
        let submissions: [Submission]
        // Your own progress: its code answers are checked in the workspace the course remembers.
        var ownWorkspace: String?
        if paths.isEmpty {
            let location = stateOptions.location(course: course)
            let progress = ProgressStore(location: location, language: language).peek()
            guard !progress.checkpoints.isEmpty else {
                TutorFailure(TutorText.progressNone.text(language) + " (\(location.file))", code: 2).exit()
            }
            var own = SubmissionReader.read(progress: progress, source: location.file, learner: location.learner)
            own.checksOwnWorkspace = true
            submissions = [own]
            ownWorkspace = location.rememberedWorkspace()
        } else {
            submissions = SubmissionReader.read(paths: paths)
        }
        // Submitted workspaces are built in a copy of the grader's (GradingScratch), never in place.
        let scratch = paths.isEmpty ? nil : GradingScratch.standard()
        let code = LearnerCodeJudge(workspace: ownWorkspace, requiresSandbox: !unsafeNoSandbox, scratch: scratch)
        let judge = Judge(environment: CallEnvironment(dataDirectory: data.data), code: code)
        let others = course.languages.filter { $0 != language.rawValue }.flatMap { course.lessons(in: $0) }
        let grader = Grader(lessons: course.lessons(in: language.rawValue), judge: judge, language: language, policy: credit,
                            courseID: courseID ?? course.name, translations: others)
        let report = grader.grade(submissions, workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                  shard: shard.flatMap(GradeShard.init(parsing:)))
        GradeOutput(format: format, output: output, summary: summary).write(report)
    }
}

/// `tutor grade merge PART…`: the final report from the partial reports of every shard.
struct GradeMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the partial reports of `tutor grade --shard K/N` into the final report.",
        discussion: "The result is the report one unsharded run would make, apart from its time. Every shard 0…N−1 must be there once.")

    @Argument(help: "The partial reports (JSON), one per shard.")
    var parts: [String]

    @Flag(name: .long, help: "Print the item analysis (see `tutor grade --summary`).")
    var summary = false

    @Option(name: .long, help: "Format of --output (or of standard output): table, csv, json, junit.")
    var format: String?

    @Option(name: .long, help: "Write the report in --format to this file (the table still goes to the terminal).")
    var output: String?

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give the partial reports to merge: tutor grade merge part-0.json part-1.json …") }
        if let format, GradeFormat(rawValue: format) == nil {
            throw ValidationError("--format \(format): expected one of table, csv, json, junit")
        }
    }

    func run() throws {
        var reports: [(name: String, report: GradeReport)] = []
        for part in parts {
            let data: Data
            do { data = Data(try RegularFile.contents(part, limit: 1 << 30)) } catch {
                TutorFailure("\(part): cannot read the partial report (\(error))", code: 2).exit()
            }
            do {
                reports.append((part, try GradeJSON.decoder().decode(GradeReport.self, from: data)))
            } catch {
                TutorFailure("\(part): not a partial report of `tutor grade --shard` (\(SubmissionReader.describe(error)))", code: 2).exit()
            }
        }
        do {
            GradeOutput(format: format, output: output, summary: summary).write(try GradeReport.merge(reports))
        } catch {
            TutorFailure("\(error)", code: 2).exit()
        }
    }
}

/// Where and how a report goes: `--format`, `--output`, `--summary`.
struct GradeOutput {
    let format: String?
    let output: String?
    let summary: Bool

    func write(_ report: GradeReport) {
        let chosen = format.flatMap(GradeFormat.init(rawValue:)) ?? (report.shard != nil ? .json : .table)
        let width = isatty(STDOUT_FILENO) != 0 ? Terminal.size.columns : 100
        let analysis = summary ? ItemAnalysis(report) : nil
        let text = analysis.map { chosen == .json ? $0.json() : $0.table(width: width) } ?? report.rendered(chosen, width: width)
        if let output {
            do {
                try AtomicFile.write(text, to: output)
            } catch {
                TutorFailure("\(output): cannot write the report (\(error))").exit()
            }
            if let shard = report.shard {
                print("shard \(shard): graded \(report.submissions.count) of \(report.totalSubmissions) submissions → \(output)")
            } else {
                print(analysis?.table(width: width) ?? report.table(width: width), terminator: "")
                print("→ \(output) (\(chosen.rawValue))")
            }
        } else {
            print(text, terminator: "")
        }
    }
}
