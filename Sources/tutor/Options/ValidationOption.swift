import ArgumentParser
import D2L

/// `--validation N`: hold N training images out and report accuracy on them instead of on the
/// test set, so that choosing hyperparameters does not consult the test set.
struct ValidationOption: ParsableArguments {
    @Option(help: "Hold N random training images out as a validation set: train on the rest and report the accuracy on them in the test acc column (the test set is not used).")
    var validation: Int?
    @Option(help: "Seed choosing the validation images.") var validationSeed: UInt64 = 0

    func validate() throws {
        if let n = validation, n < 1 { throw ValidationError("--validation must be at least 1, got \(n)") }
    }

    /// The data to train on: `data` itself, or its validation split. Tells on standard error
    /// what the test acc column then means.
    func apply(to data: FashionMNIST, command: String) throws -> FashionMNIST {
        guard let n = validation else { return data }
        guard n < data.trainCount else {
            throw TutorFailure("tutor \(command): --validation \(n) leaves no training image (there are \(data.trainCount)); hold out fewer, e.g. --validation 10000", code: 2)
        }
        printError("validation: \(n) of the \(data.trainCount) training images held out (seed \(validationSeed)); "
                   + "the test acc column is their accuracy, the test set is not used")
        return data.validationSplit(n, seed: validationSeed)
    }
}
