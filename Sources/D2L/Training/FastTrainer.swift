import Foundation

/// Drives a `FastMLP` over whole data sets: training epochs, accuracy, predictions.
/// Converts between `MLPParameters` and the network's buffers.
final class FastTrainer {
    let model: FastMLP
    let batchSize: Int

    /// `workers` nil: `$D2L_THREADS`, else one per core (at most 8, and at least 32 rows each).
    init(_ params: MLPParameters, batchSize: Int, workers: Int? = nil) {
        let sizes = [params.inputs] + params.hiddens + [params.outputs]
        self.batchSize = batchSize
        model = FastMLP(sizes: sizes, capacity: batchSize, workers: workers ?? Self.defaultWorkers(batchSize: batchSize))
        model.setParameters(weights: params.weights.map(\.scalars), biases: params.biases.map(\.scalars))
    }

    static func defaultWorkers(batchSize: Int) -> Int {
        if let text = ProcessInfo.processInfo.environment["D2L_THREADS"], let n = Int(text), n >= 1 { return n }
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, batchSize / 32))
    }

    var params: MLPParameters {
        let (w, b) = model.parameters()
        let sizes = model.sizes
        return MLPParameters(weights: (0..<w.count).map { Tensor(shape: [sizes[$0], sizes[$0 + 1]], scalars: w[$0]) },
                             biases: b.map { Tensor($0) })
    }

    /// With several workers of our own, the BLAS must not start threads inside each call.
    private func withBLASThreads<T>(_ body: () -> T) -> T {
        model.workers > 1 ? BLASThreads.singleThreaded(body) : body()
    }

    /// Trains with `config` (its batch size is taken to be this trainer's, see `trainMLP`).
    func run(config: TrainConfig, data: FashionMNIST, observer: TrainingObserver?) -> TrainResult {
        withBLASThreads {
            let loader = DataLoader(images: data.trainImages, labels: data.trainLabels, batchSize: batchSize,
                                    shuffle: true, seed: config.seed)
            var history: [EpochStats] = []
            var stopped = false
            epochs: for epoch in stride(from: 1, through: config.epochs, by: 1) {
                let start = DispatchTime.now().uptimeNanoseconds
                let order = loader.order(epoch: epoch - 1)
                var lossSum = 0.0, correct = 0
                for batch in 0..<loader.batchCount {
                    let result = data.trainImages.withUnsafeBufferPointer { images in
                        data.trainLabels.withUnsafeBufferPointer { labels in
                            order.withUnsafeBufferPointer { order in
                                model.step(ByteBatch(images: images.baseAddress!, labels: labels.baseAddress!,
                                                     order: order.baseAddress!, start: batch * batchSize,
                                                     count: loader.rows(ofBatch: batch)),
                                           mode: .train(lr: config.lr))
                            }
                        }
                    }
                    lossSum += result.lossSum
                    correct += result.correct
                    observer?.batchFinished(epoch: epoch, batch: batch + 1, of: loader.batchCount)
                    if observer?.shouldStop == true { stopped = true; break epochs }
                }
                let testAcc = accuracyInPlace(images: data.testImages, labels: data.testLabels)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let stats = EpochStats(epoch: epoch, trainLoss: lossSum / Double(data.trainCount),
                                       trainAcc: Double(correct) / Double(data.trainCount), testAcc: testAcc, seconds: seconds)
                history.append(stats)
                observer?.epochFinished(stats)
                if observer?.shouldStop == true, epoch < config.epochs { stopped = true; break }
            }
            return TrainResult(history: history, params: params, stopped: stopped)
        }
    }

    func accuracy(images: [UInt8], labels: [UInt8]) -> Double {
        withBLASThreads { accuracyInPlace(images: images, labels: labels) }
    }

    /// Forward passes over the whole set in file order (call inside `withBLASThreads`).
    private func accuracyInPlace(images: [UInt8], labels: [UInt8]) -> Double {
        guard !labels.isEmpty else { return 0 }
        var correct = 0
        forEachBatch(images: images, labels: labels, range: 0..<labels.count) { _, _ in }
            receive: { correct += $0.correct }
        return Double(correct) / Double(labels.count)
    }

    func predictions(images: [UInt8], labels: [UInt8], range: Range<Int>) -> [Prediction] {
        withBLASThreads {
            var result: [Prediction] = []
            forEachBatch(images: images, labels: labels, range: range) { start, rows in
                for r in 0..<rows {
                    let logits = model.logits(row: r)
                    var best = 0
                    for j in 1..<logits.count where logits[j] > logits[best] { best = j }
                    result.append(Prediction(index: start + r, label: Int(labels[start + r]), predicted: best))
                }
            } receive: { _ in }
            return result
        }
    }

    /// Evaluates `range` in batches; `visit(start, rows)` sees each batch's logits.
    private func forEachBatch(images: [UInt8], labels: [UInt8], range: Range<Int>,
                              visit: (Int, Int) -> Void, receive: (FastMLP.BatchResult) -> Void) {
        images.withUnsafeBufferPointer { images in
            labels.withUnsafeBufferPointer { labels in
                var start = range.lowerBound
                while start < range.upperBound {
                    let rows = min(batchSize, range.upperBound - start)
                    receive(model.step(ByteBatch(images: images.baseAddress!, labels: labels.baseAddress!, order: nil,
                                                 start: start, count: rows), mode: .evaluate))
                    visit(start, rows)
                    start += rows
                }
            }
        }
    }
}
