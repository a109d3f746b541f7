import Foundation
import Testing
@testable import D2L

@Suite struct TrainMLPTests {
    let data = SyntheticFashion.make(train: 1000, test: 300)

    @Test func aShortRunLearns() throws {
        let result = try trainMLP(TrainConfig(epochs: 3, batchSize: 50), data: data)
        let h = result.history
        #expect(h.count == 3)
        #expect(h[0].trainLoss < 2.31)                  // starts near ln 10 ≈ 2.303
        #expect(h[2].trainLoss < h[0].trainLoss * 0.6)  // and falls
        #expect(h[2].trainAcc > 0.6 && h[2].testAcc > 0.6)  // chance is 0.1
        #expect(h.allSatisfy { $0.seconds > 0 })
    }

    @Test func seededRunsAreReproducible() throws {
        let config = TrainConfig(epochs: 2, hiddens: [32], batchSize: 64, seed: 7)
        let a = try trainMLP(config, data: data), b = try trainMLP(config, data: data)
        #expect(a.params == b.params)
        #expect(a.history.map(\.trainLoss) == b.history.map(\.trainLoss))
        var other = config
        other.seed = 8
        #expect(try trainMLP(other, data: data).params != a.params)
    }

    @Test func theNumberOfWorkersChangesOnlyRounding() throws {
        let initial = MLPParameters.initialize(hiddens: [48, 24], seed: 3)
        let config = TrainConfig(epochs: 1, hiddens: [48, 24], batchSize: 100)
        let results = [1, 2, 3].map { workers in
            FastTrainer(initial, batchSize: 100, workers: workers).run(config: config, data: data, observer: nil)
        }
        // Rows are split between workers, so each row's forward and backward is the same
        // computation; the weight products are split by rows of W, where the BLAS may round the
        // last bit differently for blocks of another size. Agreement to rounding is the promise.
        for r in results.dropFirst() {
            for (a, b) in zip(r.params.weights + r.params.biases, results[0].params.weights + results[0].params.biases) {
                #expect(a.maxAbsDifference(b) < 1e-6)
            }
            #expect(abs(r.history[0].trainLoss - results[0].history[0].trainLoss) < 1e-6)
            #expect(r.history[0].testAcc == results[0].history[0].testAcc)
        }
        // Several workers make single-threaded calls, and D2L's kernel sums the same whatever the
        // block of rows: two and three workers agree to the bit.
        if BLAS.kernel == .avx512 {
            #expect(results[1].params == results[2].params)
            #expect(results[1].history.map(\.trainLoss) == results[2].history.map(\.trainLoss))
        }
    }

    @Test func theObserverHearsEveryBatchAndEpoch() throws {
        let observer = RecordingObserver()
        let result = try trainMLP(TrainConfig(epochs: 2, batchSize: 256), data: data, observer: observer)
        // 1000 examples in batches of 256: 4 batches, the last of 232 kept.
        #expect(observer.batches.map(\.batch) == [1, 2, 3, 4, 1, 2, 3, 4])
        #expect(observer.batches.allSatisfy { $0.of == 4 })
        #expect(observer.epochs == result.history)
        #expect(!result.stopped)
    }

    @Test func theObserverCanStopTraining() throws {
        let observer = RecordingObserver(stopAfterBatches: 6)
        let result = try trainMLP(TrainConfig(epochs: 5, batchSize: 256), data: data, observer: observer)
        #expect(result.stopped)
        #expect(observer.batches.count == 6)
        #expect(result.history.count == 1)  // epoch 2 was cut short: only finished epochs count
    }

    @Test func twoHiddenLayersTrain() throws {
        let result = try trainMLP(TrainConfig(epochs: 2, hiddens: [64, 32], batchSize: 32), data: data)
        #expect(result.params.hiddens == [64, 32])
        #expect(result.history.last!.trainLoss < result.history.first!.trainLoss)
    }

    @Test func badSettingsAreRefused() {
        #expect(throws: TrainError.invalidConfig("the batch size must be positive, got 0")) {
            try trainMLP(TrainConfig(batchSize: 0), data: data)
        }
        #expect(throws: TrainError.self) { try trainMLP(TrainConfig(lr: .nan), data: data) }
        #expect(throws: TrainError.self) { try trainMLP(TrainConfig(hiddens: [256, 0]), data: data) }
    }

    @Test func subsetsLimitTheData() throws {
        let observer = RecordingObserver()
        _ = try trainMLP(TrainConfig(epochs: 1, batchSize: 100, trainSubset: 250, testSubset: 10), data: data, observer: observer)
        #expect(observer.batches.map(\.of) == [3, 3, 3])
    }

    @Test func accuracyAndPredictionsAgreeWithTheReferenceNet() throws {
        let params = try trainMLP(TrainConfig(epochs: 1, hiddens: [40], batchSize: 50), data: data).params
        let predictions = predictMLP(params, data: data, count: 20, offset: 290)
        #expect(predictions.map(\.index) == Array(290..<300))  // clipped to the test set
        let x = Tensor(shape: [10, 784], scalars: data.testImages[290 * 784 ..< 300 * 784].map { Float($0) / 255 })
        #expect(predictions.map(\.predicted) == net(x, params).argmax(axis: 1))
        #expect(predictions.map(\.label) == data.testLabels[290..<300].map(Int.init))

        let all = predictMLP(params, data: data, count: 300)
        let expected = Double(all.filter(\.isCorrect).count) / 300
        #expect(evaluateMLPAccuracy(params, images: data.testImages, labels: data.testLabels) == expected)
    }
}

extension TrainMLPTests {
    @Test func aBatchLargerThanTheDataIsOneBatch() throws {
        let observer = RecordingObserver()
        let result = try trainMLP(TrainConfig(epochs: 2, batchSize: 1_000_000), data: data, observer: observer)
        #expect(observer.batches.map(\.of) == [1, 1])
        #expect(result.history.count == 2)
    }

    @Test func absurdLayerSizesAreRefusedNotAllocated() {
        #expect(throws: TrainError.self) { try trainMLP(TrainConfig(hiddens: [10_000_000]), data: data) }
    }
}

extension TrainMLPTests {
    @Test func anEmptyTestSetIsAnErrorNotAZeroAccuracy() {
        let noTest = FashionMNIST(trainImages: data.trainImages, trainLabels: data.trainLabels, testImages: [], testLabels: [])
        #expect(throws: TrainError.noData("the test set is empty: test accuracy needs at least one test image")) {
            try trainMLP(TrainConfig(epochs: 1, batchSize: 100), data: noTest)
        }
    }
}
