import Testing
@testable import D2L

/// The book's `train_ch3` loop on Variables: `trainCh3(net:trainIter:testIter:loss:epochs:updater:)`.
@Suite struct TrainCh3Tests {
    let data = SyntheticFashion.make(train: 600, test: 200, seed: 5)

    func loaders(seed: UInt64 = 0) -> (train: DataLoader, test: DataLoader) {
        DataLoader.fashionMNIST(data, batchSize: 64, seed: seed)
    }

    @Test func theBooksLoopLearnsAndMatchesTheFastTrainer() throws {
        let initial = MLPParameters.initialize(hiddens: [32], seed: 1)
        let params = MLPVariables(initial)
        let (trainIter, testIter) = loaders(seed: 3)
        let observer = RecordingObserver()
        let history = trainCh3(net: { net($0, params) }, trainIter: trainIter, testIter: testIter,
                            loss: { crossEntropy($0, $1) }, epochs: 2,
                            updater: .batch { sgd(params.all, lr: 0.1, batchSize: $0) }, observer: observer)
        #expect(history.count == 2 && observer.epochs == history)
        #expect(observer.batches.count == 2 * 10 && observer.batches.allSatisfy { $0.of == 10 })  // 600 / 64 → 10 batches
        #expect(history[1].trainLoss < history[0].trainLoss)

        // The same run on the fast path: same initial weights, same batches, same updates.
        let fast = FastTrainer(initial, batchSize: 64, workers: 2)
            .run(config: TrainConfig(epochs: 2, hiddens: [32], batchSize: 64, seed: 3), data: data, observer: nil)
        for (a, b) in zip(history, fast.history) {
            #expect(abs(a.trainLoss - b.trainLoss) < 1e-5)
            #expect(a.trainAcc == b.trainAcc && a.testAcc == b.testAcc)
        }
        for (a, b) in zip(params.parameters.weights, fast.params.weights) { #expect(a.maxAbsDifference(b) < 1e-5) }
    }

    @Test func theOptimizerFollowsTheSameTrajectory() {
        let initial = MLPParameters.initialize(hiddens: [16], seed: 8)
        let a = MLPVariables(initial), b = MLPVariables(initial)
        let ha = trainCh3(net: { net($0, a) }, trainIter: loaders().train, testIter: loaders().test,
                       loss: { crossEntropy($0, $1) }, epochs: 1, updater: .batch { sgd(a.all, lr: 0.1, batchSize: $0) })
        let hb = trainCh3(net: { net($0, b) }, trainIter: loaders().train, testIter: loaders().test,
                       loss: { crossEntropy($0, $1) }, epochs: 1, updater: .optimizer(SGD(b.all, lr: 0.1)))
        #expect(abs(ha[0].trainLoss - hb[0].trainLoss) < 1e-5)
        for (x, y) in zip(a.parameters.weights, b.parameters.weights) { #expect(x.maxAbsDifference(y) < 1e-6) }
    }

    @Test func accuracyAndPredictions() {
        let params = MLPVariables(MLPParameters.initialize(hiddens: [8], seed: 2))
        let test = loaders().test
        let predictions = predictCh3(net: { net($0, params) }, testIter: test, n: 70)
        #expect(predictions.count == 70)  // across the first two batches of 64
        #expect(predictions.map(\.label) == data.testLabels.prefix(70).map(Int.init))
        #expect(predictions.map(\.index) == Array(0..<70))
        let all = predictCh3(net: { net($0, params) }, testIter: test, n: 1000)
        let expected = Double(all.filter(\.isCorrect).count) / 200
        #expect(evaluateAccuracy(net: { net($0, params) }, dataIter: test) == expected)
        #expect(accuracy(Tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]), [1, 1, 1]) == 2)
    }
}
