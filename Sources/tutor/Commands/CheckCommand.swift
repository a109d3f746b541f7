import ArgumentParser
import D2L
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor check <id> (--answer TEXT | --answer-file PATH)`: exit 0 correct, 1 incorrect,
/// 2 malformed answer, broken checkpoint or unknown id. The verdict is recorded in the
/// learner's progress like an answer at the prompt (not with `--no-record`).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an answer to a checkpoint (exit 0 correct, 1 incorrect, 2 malformed or unknown).")

    @Argument(help: "The checkpoint id, e.g. relu-by-hand.")
    var id: String

    @Option(parsing: .unconditional, help: "The answer as you would type it: 0.5, [[0, 2]], tensor([[0., 2.]]), (784, 256), b.")
    var answer: String?

    @Option(name: .customLong("answer-file"), help: "A .npy or .json file holding the answer.")
    var answerFile: String?

    @Flag(help: "Print the verdict, the reference and the comparison as one JSON object.")
    var json = false

    @OptionGroup var options: CourseOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var record: RecordOption
    @OptionGroup var workspace: WorkspaceOption
    @OptionGroup var data: DataOption

    func validate() throws {
        if answer != nil && answerFile != nil {
            throw ValidationError("give exactly one of --answer TEXT or --answer-file PATH")
        }
    }

    func run() throws {
        let language = options.language
        let course: Course
        let lesson: Lesson
        let spec: CheckpointSpec
        let learner: LearnerIdentity
        do {
            course = try Course.load(directory: options.lessonsDirectory)
            (lesson, spec) = try course.findCheckpoint(id, language: language.rawValue)
            learner = state.location(course: course).identity
        } catch {
            if json {
                let object: [String: Any] = ["checkpoint": id, "exit_code": 2, "outcome": "unknown", "correct": false,
                                             "message": String(describing: error)]
                let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
                print(String(decoding: data, as: UTF8.self))
            } else {
                printError("error: \(error)")
            }
            throw ExitCode(2)
        }
        let judge = Judge(environment: CallEnvironment(dataDirectory: data.data))
        if spec.expect == .code {   // the learner's own function, in their workspace
            let checked = CodeCheckRun.run(spec, workspacePath: workspace.resolved(state.location(course: course)), judge: judge,
                                           json: json, language: language)
            if let verdict = checked.verdict, let path = checked.workspace, !record.noRecord {
                state.record(verdict, answer: path, lesson: lesson, course: course, language: language)
            }
            if checked.exitCode != 0 { throw ExitCode(checked.exitCode) }
            return
        }
        guard answer != nil || answerFile != nil else {
            TutorFailure("error: give exactly one of --answer TEXT or --answer-file PATH", code: 2).exit()
        }
        // Full-width input is read as ASCII, as at the prompt, and said so (on standard error,
        // which keeps --json's output one object).
        let typed = answer.map { FullWidthInput.normalized($0, for: spec.expect) }
        if let readAs = typed.flatMap({ $0 == answer ? nil : $0 }) ?? answerFile.flatMap({ AnswerFile.normalizedText(path: $0, kind: spec.expect) }) {
            printError(TutorText.inputNormalized.text(language, readAs))
        }
        let reporter = EpochReporter(language: language)
        if judge.isExpensive(spec, learner: learner) { printError(TutorText.computingTraining.text(language)) }
        let result: VerdictReport.Result
        do {
            result = .success(try answerFile.map { try judge.judge(answerFile: $0, for: spec, learner: learner, progress: reporter) }
                              ?? judge.judge(typed ?? "", for: spec, learner: learner, progress: reporter))
        } catch let error as JudgeError {
            result = .failure(error)
        }
        print(json ? VerdictReport.json(result, checkpoint: id, language: language)
                   : VerdictReport.text(result, language: language))
        if case let .success(verdict) = result, !record.noRecord {
            // What grading judges again: the typed text, or the file's contents as text.
            let recorded = typed ?? verdict.given?.typeableText ?? answerFile ?? ""
            state.record(verdict, answer: recorded, lesson: lesson, course: course, language: language)
        }
        let code = VerdictReport.exitCode(result)
        if code != 0 { throw ExitCode(code) }
    }
}

/// Prints one line per finished training epoch on standard error (the reference's progress).
final class EpochReporter: JudgeProgress {
    let language: TutorLanguage
    init(language: TutorLanguage) { self.language = language }

    func report(fraction: Double, label: LocalizedText) {}

    func epochFinished(_ stats: EpochStats, of epochs: Int) {
        printError("  " + TutorText.epochLine.text(language, stats.epoch, String(format: "%.4f", stats.trainLoss),
                                                   String(format: "%.4f", stats.testAcc)))
    }

    var shouldStop: Bool { false }
}
