/// Mini-batches over images kept as bytes, like the book's `load_data_fashion_mnist` iterators:
/// batches of `batchSize` (the last partial batch kept), images scaled to [0, 1] as each batch is
/// taken, the order reshuffled every epoch from the seed (for training; test order is fixed).
///
/// Iterating it (`for (X, y) in loader`) yields one epoch; each new iteration is the next epoch
/// with a fresh order, as a PyTorch `DataLoader(shuffle=True)` does. `order(epoch:)` and
/// `fill(…)` give the same batches to code that wants its own buffers (the fast trainer).
public final class DataLoader: Sequence {
    public let images: [UInt8]
    public let labels: [UInt8]
    public let batchSize: Int
    public let shuffle: Bool
    public let seed: UInt64
    /// How many epochs iteration has started; the next `for` loop uses this epoch's order.
    public private(set) var epochsStarted = 0

    public init(images: [UInt8], labels: [UInt8], batchSize: Int = 256, shuffle: Bool, seed: UInt64 = 0) {
        precondition(batchSize > 0, "batch size must be positive")
        precondition(images.count == labels.count * FashionMNIST.pixelsPerImage, "images and labels differ in count")
        self.images = images
        self.labels = labels
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
    }

    /// The book's pair: a shuffled training loader and a fixed-order test loader.
    public static func fashionMNIST(_ data: FashionMNIST, batchSize: Int = 256, seed: UInt64 = 0) -> (train: DataLoader, test: DataLoader) {
        (DataLoader(images: data.trainImages, labels: data.trainLabels, batchSize: batchSize, shuffle: true, seed: seed),
         DataLoader(images: data.testImages, labels: data.testLabels, batchSize: batchSize, shuffle: false, seed: seed))
    }

    /// Number of examples.
    public var count: Int { labels.count }
    /// Number of batches per epoch (the last one may be partial).
    public var batchCount: Int { (count + batchSize - 1) / batchSize }

    /// The order of the examples in `epoch` (0-based): a permutation drawn from (seed, epoch)
    /// when shuffling, else 0, 1, 2, ….
    public func order(epoch: Int) -> [Int] {
        guard shuffle else { return Array(0..<count) }
        var rng = SeededRNG(seed: seed ^ (UInt64(truncatingIfNeeded: epoch) &* 0xD6E8_FEB8_6659_FD93))
        var order = Array(0..<count)
        rng.shuffle(&order)
        return order
    }

    /// The number of rows of batch `batch` (the last may be short).
    public func rows(ofBatch batch: Int) -> Int { Swift.min(batchSize, count - batch * batchSize) }

    /// Writes batch `batch` of `order` into `x` (rows × 784 floats in [0, 1], row-major) and
    /// `y` (class indices); returns the number of rows. `x` and `y` must hold `batchSize` rows.
    @discardableResult
    public func fill(batch: Int, order: [Int], x: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Int32>) -> Int {
        let n = rows(ofBatch: batch)
        let start = batch * batchSize
        images.withUnsafeBufferPointer { img in
            for r in 0..<n {
                let example = order[start + r]
                y[r] = Int32(labels[example])
                scalePixels(img.baseAddress! + example * FashionMNIST.pixelsPerImage, into: x + r * FashionMNIST.pixelsPerImage)
            }
        }
        return n
    }

    /// Batch `batch` of `order` as tensors: X of shape [n, 1, 28, 28] (as `ToTensor` gives) and labels.
    public func batch(_ batch: Int, order: [Int]) -> (X: Tensor, y: [Int]) {
        let n = rows(ofBatch: batch)
        var x = [Float](repeating: 0, count: n * FashionMNIST.pixelsPerImage)
        var y = [Int32](repeating: 0, count: n)
        x.withUnsafeMutableBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in _ = fill(batch: batch, order: order, x: xb.baseAddress!, y: yb.baseAddress!) }
        }
        return (Tensor(shape: [n, 1, FashionMNIST.imageSide, FashionMNIST.imageSide], scalars: x), y.map(Int.init))
    }

    /// The number of batches an iteration yields.
    public var underestimatedCount: Int { batchCount }

    /// One epoch of batches; starting an iteration moves on to the next epoch's order.
    public func makeIterator() -> AnyIterator<(X: Tensor, y: [Int])> {
        let order = order(epoch: epochsStarted)
        epochsStarted += 1
        var next = 0
        return AnyIterator { [self] in
            guard next < batchCount else { return nil }
            defer { next += 1 }
            return batch(next, order: order)
        }
    }
}

/// 784 bytes → 784 floats in [0, 1], dividing by 255 exactly as PyTorch's `ToTensor` does.
@inline(__always)
func scalePixels(_ source: UnsafePointer<UInt8>, into target: UnsafeMutablePointer<Float>) {
    for i in 0..<FashionMNIST.pixelsPerImage { target[i] = Float(source[i]) / 255 }
}
