import ArgumentParser
import D2L
import Foundation

/// `tutor train`: trains the chapter's MLP on Fashion-MNIST and prints one line per epoch,
/// or with `--json` one JSON object at the end.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the chapter's MLP (784-256-10) on Fashion-MNIST and print each epoch.")

    @OptionGroup var training: TrainingOptions
    @Option(help: "Seed of the initial weights and of the shuffling.") var seed: UInt64 = 0
    @OptionGroup var data: DataOption
    @OptionGroup var validationOption: ValidationOption
    @OptionGroup var languageOption: LanguageOption
    @Flag(help: "Print one JSON object with every epoch instead of lines.") var json = false
    @OptionGroup var visuals: TrainVisualOptions

    var config: TrainConfig { training.config(seed: seed) }

    func validate() throws {
        if let problem = config.problem { throw ValidationError(problem) }
    }

    func run() throws {
        let started = Date()  // total_seconds counts loading the data too
        let dataset: FashionMNIST
        do {
            dataset = try validationOption.apply(to: data.loadDataset(command: "tutor train", language: languageOption.language),
                                                 command: "train")
        } catch let failure as TutorFailure {
            failure.exit()
        }
        let result = try visuals.observer(json: json, config: config).train(config, data: dataset)
        if json {
            print(TrainOutput.json(result.history, totalSeconds: Date().timeIntervalSince(started)))
        }
        try visuals.finish(result, config: config)
    }
}
