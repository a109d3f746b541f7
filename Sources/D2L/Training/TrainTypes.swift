/// One epoch of training, as the book's `train_ch3` reports it.
public struct EpochStats: Codable, Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// The mean training loss over the epoch: summed per-example loss / number of examples.
    public var trainLoss: Double
    /// The fraction of training examples classified correctly (by the network as it was when
    /// each batch went through, before that batch's update).
    public var trainAcc: Double
    /// The fraction of test examples classified correctly after the epoch.
    public var testAcc: Double
    /// Wall-clock seconds of the epoch, the test evaluation included.
    public var seconds: Double

    public init(epoch: Int, trainLoss: Double, trainAcc: Double, testAcc: Double, seconds: Double) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAcc = trainAcc
        self.testAcc = testAcc
        self.seconds = seconds
    }

    enum CodingKeys: String, CodingKey {
        case epoch, trainLoss = "train_loss", trainAcc = "train_acc", testAcc = "test_acc", seconds
    }
}

/// Hears about training as it goes (progress bars, live plots, tests) and may stop it.
/// Called on the training thread.
public protocol TrainingObserver: AnyObject {
    /// After each batch: `batch` is 1-based, `batches` the number in this epoch.
    func batchFinished(epoch: Int, batch: Int, of batches: Int)
    /// After each epoch, with its figures.
    func epochFinished(_ stats: EpochStats)
    /// Checked after every batch; when true, training stops and returns the epochs finished so far.
    var shouldStop: Bool { get }
}

extension TrainingObserver {
    public func batchFinished(epoch: Int, batch: Int, of batches: Int) {}
    public func epochFinished(_ stats: EpochStats) {}
    public var shouldStop: Bool { false }
}

/// The settings of a training run; the defaults are the book's (section 4.2).
public struct TrainConfig: Codable, Sendable, Hashable {
    public var epochs: Int
    public var lr: Float
    /// The widths of the hidden layers: [256] is the chapter's net, [256, 128] two hidden layers.
    public var hiddens: [Int]
    public var batchSize: Int
    /// Seeds both the initial weights and the order of the training examples.
    public var seed: UInt64
    /// Train on only the first N training examples (nil: all 60,000).
    public var trainSubset: Int?
    /// Test on only the first N test examples (nil: all 10,000).
    public var testSubset: Int?

    public init(epochs: Int = 10, lr: Float = 0.1, hiddens: [Int] = [256], batchSize: Int = 256, seed: UInt64 = 0,
                trainSubset: Int? = nil, testSubset: Int? = nil) {
        self.epochs = epochs
        self.lr = lr
        self.hiddens = hiddens
        self.batchSize = batchSize
        self.seed = seed
        self.trainSubset = trainSubset
        self.testSubset = testSubset
    }

    /// What is wrong with the settings, or nil when they can be trained.
    public var problem: String? {
        if epochs < 0 { return "epochs must be 0 or more, got \(epochs)" }
        if !(lr.isFinite && lr > 0) { return "the learning rate must be a positive number, got \(lr)" }
        if hiddens.contains(where: { $0 <= 0 }) { return "hidden layer widths must be positive, got \(hiddens)" }
        if hiddens.contains(where: { $0 > 65_536 }) || hiddens.count > 16 {
            return "at most 16 hidden layers of at most 65536 units each, got \(hiddens)"
        }
        if batchSize <= 0 { return "the batch size must be positive, got \(batchSize)" }
        if let n = trainSubset, n <= 0 { return "the training subset must hold at least one example, got \(n)" }
        if let n = testSubset, n <= 0 { return "the test subset must hold at least one example, got \(n)" }
        return nil
    }
}

/// Why `trainMLP` refused to start.
public enum TrainError: Error, Equatable, CustomStringConvertible {
    case invalidConfig(String)
    case noData(String)

    public var description: String {
        switch self {
        case let .invalidConfig(problem): return "invalid training settings: \(problem)"
        case let .noData(problem): return problem
        }
    }
}
