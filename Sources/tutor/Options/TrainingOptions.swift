import ArgumentParser
import D2L

/// The settings of one training run: `tutor train` and `tutor predict` (which trains first).
struct TrainingOptions: ParsableArguments {
    @Option(help: "Number of epochs.") var epochs = 10
    @Option(help: "Learning rate of the minibatch SGD.") var lr: Float = 0.1
    @Option(help: "Hidden layer widths, comma-separated: 256 (the default) is the chapter's net, 256,128 two hidden layers.")
    var hiddens: CommaList<Int>?
    @Option(help: "Minibatch size.") var batchSize = 256
    @Option(help: "Train on the first N training images only.") var trainSubset: Int?
    @Option(help: "Test on the first N test images only.") var testSubset: Int?

    /// The run's configuration with `seed`.
    func config(seed: UInt64) -> TrainConfig {
        TrainConfig(epochs: epochs, lr: lr, hiddens: hiddens?.values ?? [256], batchSize: batchSize, seed: seed,
                    trainSubset: trainSubset, testSubset: testSubset)
    }
}
