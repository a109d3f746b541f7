import Foundation

/// How `trainCh3` updates parameters after a batch, as d2l's `train_epoch_ch3` does.
package enum Updater {
    /// The book's from-scratch updater: the per-example losses are summed, `backward()`, then
    /// `update(batchRows)` (e.g. `{ sgd(params.all, lr: 0.1, batchSize: $0) }`).
    case batch((_ batchSize: Int) -> Void)
    /// A `torch.optim`-style optimizer: `zeroGrad()`, the MEAN loss's `backward()`, `step()`.
    case optimizer(SGD)
}

/// Trains any network on Variables with the semantics of d2l's `train_ch3`: for each epoch and
/// batch, `loss(net(X), y)` per example, backward and update; then the mean training loss
/// (summed loss / examples), the training accuracy (from the same forward passes) and the test
/// accuracy (`evaluateAccuracy(net:dataIter:)`). Returns the history; reports each batch and
/// epoch to `observer`, which may stop the run.
///
/// For learners' own nets and losses, on autodiff. The chapter's MLP itself trains much faster
/// with `trainMLP(_:data:observer:)`.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
@discardableResult
package func trainCh3<TrainIter: Sequence, TestIter: Sequence>(
    net: (Tensor) -> Variable, trainIter: TrainIter, testIter: TestIter,
    loss: (Variable, [Int]) -> Variable, epochs: Int, updater: Updater,
    observer: TrainingObserver? = nil
) -> [EpochStats] where TrainIter.Element == (X: Tensor, y: [Int]), TestIter.Element == (X: Tensor, y: [Int]) {
    var history: [EpochStats] = []
    for epoch in stride(from: 1, through: epochs, by: 1) {
        let start = DispatchTime.now().uptimeNanoseconds
        let batches = trainIter.underestimatedCount
        var lossSum = 0.0, correct = 0, examples = 0, batch = 0
        for (X, y) in trainIter {
            let yHat = net(X)
            let l = loss(yHat, y)
            switch updater {
            case .batch(let update):
                l.sum().backward()
                update(y.count)
            case .optimizer(let optimizer):
                optimizer.zeroGrad()
                l.mean().backward()
                optimizer.step()
            }
            lossSum += l.value.scalars.reduce(0.0) { $0 + Double($1) }
            correct += accuracy(yHat.value, y)
            examples += y.count
            batch += 1
            observer?.batchFinished(epoch: epoch, batch: batch, of: max(batches, batch))
            if observer?.shouldStop == true { return history }
        }
        let testAcc = evaluateAccuracy(net: net, dataIter: testIter)
        let stats = EpochStats(epoch: epoch, trainLoss: lossSum / Double(max(examples, 1)),
                               trainAcc: Double(correct) / Double(max(examples, 1)), testAcc: testAcc,
                               seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        history.append(stats)
        observer?.epochFinished(stats)
        if observer?.shouldStop == true { break }
    }
    return history
}

/// The number of rows of `yHat` (logits or probabilities, [batch, classes]) whose largest entry
/// is at the label: the book's `accuracy(y_hat, y)`.
public func accuracy(_ yHat: Tensor, _ y: [Int]) -> Int {
    zip(yHat.argmax(axis: 1), y).filter { $0 == $1 }.count
}

/// The fraction of examples in `dataIter` that `net` classifies correctly (the book's
/// `evaluate_accuracy`).
public func evaluateAccuracy<Data: Sequence>(net: (Tensor) -> Variable, dataIter: Data) -> Double
where Data.Element == (X: Tensor, y: [Int]) {
    var correct = 0, count = 0
    for (X, y) in dataIter {
        correct += accuracy(net(X).value, y)
        count += y.count
    }
    return count == 0 ? 0 : Double(correct) / Double(count)
}

/// The predictions of `net` for the first `n` examples of `testIter` (the book's `predict_ch3`).
public func predictCh3<Data: Sequence>(net: (Tensor) -> Variable, testIter: Data, n: Int) -> [Prediction]
where Data.Element == (X: Tensor, y: [Int]) {
    var result: [Prediction] = []
    for (X, y) in testIter where result.count < n {
        for (label, predicted) in zip(y, net(X).value.argmax(axis: 1)) where result.count < n {
            result.append(Prediction(index: result.count, label: label, predicted: predicted))
        }
    }
    return result
}
