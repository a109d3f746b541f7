import ArgumentParser
import D2L
import Foundation
import TutorCore

/// `tutor check <id> (--answer TEXT | --answer-file PATH)`: exit 0 correct, 1 incorrect,
/// 2 malformed answer, broken checkpoint or unknown id.
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

    @Option(help: "The folder of lessons (default: ./lessons).")
    var lessons: String?

    @Option(help: "zh or en (default: from LANG).")
    var lang: String?

    @Flag(help: "Print the verdict, the reference and the comparison as one JSON object.")
    var json = false

    @Option(help: "For `expect: code` checkpoints: your exercise workspace (default: found from here, see `tutor init`).")
    var workspace: String?

    func validate() throws {
        if answer != nil && answerFile != nil {
            throw ValidationError("give exactly one of --answer TEXT or --answer-file PATH")
        }
        if let lang, TutorLanguage(parsing: lang) == nil { throw ValidationError("--lang must be zh or en") }
    }

    func run() throws {
        let language = lang.flatMap(TutorLanguage.init(parsing:)) ?? TutorLanguage.fromEnvironment()
        let spec: CheckpointSpec
        do {
            let course = try Course.load(directory: lessons ?? Course.defaultDirectory())
            spec = try course.findCheckpoint(id, language: language.rawValue).spec
        } catch {
            if json {
                let object: [String: Any] = ["checkpoint": id, "exit_code": 2, "outcome": "unknown", "correct": false,
                                             "message": String(describing: error)]
                let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
                print(String(decoding: data, as: UTF8.self))
            } else {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            }
            throw ExitCode(2)
        }
        if spec.expect == .code {   // the learner's own function, in their workspace (issue 7)
            let code = CodeCheckRun.run(spec, workspacePath: workspace, json: json, language: language)
            if code != 0 { throw ExitCode(code) }
            return
        }
        if answer == nil && answerFile == nil {
            FileHandle.standardError.write(Data("error: give exactly one of --answer TEXT or --answer-file PATH\n".utf8))
            throw ExitCode(2)
        }
        let observer = EpochReporter(language: language)
        let checker = Checker(context: CallContext(observer: observer))
        if checker.isExpensive(spec) {
            FileHandle.standardError.write(Data((language == .zh ? "正在计算参考值（需要训练，结果会缓存）…\n"
                                                               : "computing the reference (a training run; cached afterwards)…\n").utf8))
        }
        let outcome = answerFile.map { checker.check(answerFile: $0, for: spec) }
            ?? checker.check(text: answer ?? "", for: spec)
        print(json ? VerdictReport.json(outcome, checkpoint: id, language: language)
                   : VerdictReport.text(outcome, language: language))
        let code = withExtendedLifetime(observer) { VerdictReport.exitCode(outcome) }
        if code != 0 { throw ExitCode(code) }
    }
}

/// Prints one line per finished training epoch on standard error (the reference's progress).
final class EpochReporter: TrainingObserver {
    let language: TutorLanguage
    init(language: TutorLanguage) { self.language = language }
    func batchFinished(epoch: Int, batch: Int, of batches: Int) {}
    func epochFinished(_ stats: EpochStats) {
        let line = language == .zh
            ? "  第 \(stats.epoch) 轮：训练损失 \(String(format: "%.4f", stats.trainLoss))，测试准确率 \(String(format: "%.4f", stats.testAcc))\n"
            : "  epoch \(stats.epoch): train loss \(String(format: "%.4f", stats.trainLoss)), test acc \(String(format: "%.4f", stats.testAcc))\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
    var shouldStop: Bool { false }
}
