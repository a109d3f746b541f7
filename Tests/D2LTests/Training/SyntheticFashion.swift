@testable import D2L

/// A learnable stand-in for Fashion-MNIST: class c lights a horizontal band of rows
/// (2c+4 … 2c+6) over random speckle, so a small MLP separates the classes within an epoch.
enum SyntheticFashion {
    static func make(train: Int, test: Int, seed: UInt64 = 42) -> FashionMNIST {
        var rng = SeededRNG(seed: seed)
        func images(_ n: Int) -> ([UInt8], [UInt8]) {
            var pixels = [UInt8](repeating: 0, count: n * 784)
            var labels = [UInt8](repeating: 0, count: n)
            for i in 0..<n {
                let c = rng.index(below: 10)
                labels[i] = UInt8(c)
                for p in 0..<784 {
                    let row = p / 28
                    let band = row >= 2 * c + 4 && row <= 2 * c + 6
                    pixels[i * 784 + p] = UInt8(band ? 150 + rng.index(below: 106) : rng.index(below: 120))
                }
            }
            return (pixels, labels)
        }
        let (trainImages, trainLabels) = images(train)
        let (testImages, testLabels) = images(test)
        return FashionMNIST(trainImages: trainImages, trainLabels: trainLabels, testImages: testImages, testLabels: testLabels)
    }
}

/// Records what a training loop reports, and stops after `stopAfterBatches` batches if set.
final class RecordingObserver: TrainingObserver {
    var batches: [(epoch: Int, batch: Int, of: Int)] = []
    var epochs: [EpochStats] = []
    var stopAfterBatches: Int?

    init(stopAfterBatches: Int? = nil) { self.stopAfterBatches = stopAfterBatches }

    func batchFinished(epoch: Int, batch: Int, of batches: Int) { self.batches.append((epoch, batch, batches)) }
    func epochFinished(_ stats: EpochStats) { epochs.append(stats) }
    var shouldStop: Bool { stopAfterBatches.map { batches.count >= $0 } ?? false }
}
