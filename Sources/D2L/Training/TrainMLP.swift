import Foundation

/// The outcome of `trainMLP`: the per-epoch history and the trained parameters.
public struct TrainResult: Sendable {
    public let history: [EpochStats]
    public let params: MLPParameters
    /// True when the observer stopped training before the last epoch.
    public let stopped: Bool

    public init(history: [EpochStats], params: MLPParameters, stopped: Bool = false) {
        self.history = history
        self.params = params
        self.stopped = stopped
    }
}

/// Trains the chapter's MLP on Fashion-MNIST with the semantics of the book's `train_ch3`:
/// per epoch, minibatches of `batchSize` in a fresh order, the summed cross-entropy loss and
/// `param -= lr · grad / batchRows` (the book's `sgd`), then the mean training loss (summed loss /
/// examples), training accuracy and test accuracy.
///
/// Runs on the fast path (`FastMLP`: hand-written forward/backward, sgemm, all threads of the
/// machine or `$D2L_THREADS`), not on autodiff: for any other network or loss use `trainCh3`.
/// Each batch and epoch is reported to `observer`, which can stop the run.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func trainMLP(_ config: TrainConfig, data: FashionMNIST, observer: TrainingObserver? = nil) throws -> TrainResult {
    if let problem = config.problem { throw TrainError.invalidConfig(problem) }
    let data = config.trainSubset == nil && config.testSubset == nil
        ? data : data.subset(train: config.trainSubset, test: config.testSubset)
    guard data.trainCount > 0 else { throw TrainError.noData("the training set is empty") }
    guard data.testCount > 0 else { throw TrainError.noData("the test set is empty: test accuracy needs at least one test image") }
    let initial = MLPParameters.initialize(inputs: FashionMNIST.pixelsPerImage, hiddens: config.hiddens,
                                           outputs: FashionMNIST.classCount, seed: config.seed)
    // A batch larger than the data set is the whole data set: size the buffers for what is used.
    let trainer = FastTrainer(initial, batchSize: min(config.batchSize, data.trainCount))
    return trainer.run(config: config, data: data, observer: observer)
}

/// The fraction of `images` (784 bytes each) whose predicted class equals the label, through
/// the fast path (for a network on Variables: `evaluateAccuracy(net:dataIter:)`).
public func evaluateMLPAccuracy(_ params: MLPParameters, images: [UInt8], labels: [UInt8]) -> Double {
    precondition(images.count == labels.count * params.inputs,
                 "evaluateMLPAccuracy: \(labels.count) labels need \(labels.count * params.inputs) image bytes, got \(images.count)")
    guard !labels.isEmpty else { return 0 }
    return FastTrainer(params, batchSize: 256).accuracy(images: images, labels: labels)
}

/// One test image's prediction: its index in the test set, true label and predicted class.
public struct Prediction: Sendable, Equatable {
    public let index: Int
    public let label: Int
    public let predicted: Int

    public init(index: Int, label: Int, predicted: Int) {
        self.index = index
        self.label = label
        self.predicted = predicted
    }
    public var isCorrect: Bool { label == predicted }
}

/// The predictions for test images `offset ..< offset + count`, clipped to the test set, through
/// the fast path (the book's `predict_ch3` on Variables is `predictCh3`).
public func predictMLP(_ params: MLPParameters, data: FashionMNIST, count: Int, offset: Int = 0) -> [Prediction] {
    let start = max(0, min(offset, data.testCount)), end = max(start, min(start + max(0, count), data.testCount))
    precondition(params.inputs == FashionMNIST.pixelsPerImage, "predictMLP: the network takes \(params.inputs) inputs, not 784")
    guard start < end else { return [] }
    return FastTrainer(params, batchSize: 256).predictions(images: data.testImages, labels: data.testLabels, range: start..<end)
}
