import ArgumentParser
import D2L

/// The settings of one training run: `tutor train` and `tutor predict` (which trains first).
struct TrainingOptions: ParsableArguments {
    @Option(help: "Number of epochs (at least 1).") var epochs = 10
    // Unconditional: `--lr -0.1` reaches validation and its message instead of reading as an option.
    @Option(parsing: .unconditional, help: "Learning rate of the minibatch SGD (a positive number).") var lr: Float = 0.1
    @Option(help: "Hidden layer widths, comma-separated: 256 (the default) is the chapter's net, 256,128 two hidden layers, none softmax regression.",
            transform: { text in
                if text.trimmingCharacters(in: .whitespaces).lowercased() == "none" { return [] }
                guard let widths = CommaList<Int>(argument: text)?.values, widths.allSatisfy({ $0 > 0 }) else {
                    throw ValidationError("--hiddens \(text): expected positive widths separated by commas, or none")
                }
                return widths
            })
    var hiddens: [Int]?
    @Option(help: "Minibatch size.") var batchSize = 256
    @Option(help: "Train on the first N training images only.") var trainSubset: Int?
    @Option(help: "Test on the first N test images only.") var testSubset: Int?

    func validate() throws {
        if epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        if !(lr.isFinite && lr > 0) { throw ValidationError("--lr must be a positive number, got \(lr)") }
    }

    /// The run's configuration with `seed`.
    func config(seed: UInt64) -> TrainConfig {
        TrainConfig(epochs: epochs, lr: lr, hiddens: hiddens ?? [256], batchSize: batchSize, seed: seed,
                    trainSubset: trainSubset, testSubset: testSubset)
    }
}
