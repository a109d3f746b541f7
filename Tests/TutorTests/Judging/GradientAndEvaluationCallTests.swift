import D2L
import Foundation
import Testing
@testable import Judging
@testable import Lessons

@Test func gradientOfReluAndOfTheLogitsAreTheLibrarys() throws {
    #expect(try run("gradient", "{of: relu, X: [[-2, 0, 3, -0.5]]}") == .tensor(NDArray(shape: [1, 4], values: [0, 0.5, 1, 0])))
    // softmax − one-hot, by hand: [[0.5 − 1, 0.5], [p, 1 − p − 1]] with p = e²/(e² + 1).
    guard case let .tensor(g) = try run("gradient", "{of: y_hat, y_hat: [[0, 0], [2, 0]], y: [0, 1], reduction: sum}") else {
        Issue.record("no tensor"); return
    }
    let p = exp(2.0) / (exp(2.0) + 1)
    #expect(zip(g.values, [-0.5, 0.5, p, -p]).allSatisfy { abs($0 - $1) < 1e-6 }, "\(g.values)")
    guard case let .tensor(mean) = try run("gradient", "{of: y_hat, y_hat: [[0, 0], [2, 0]], y: [0, 1], reduction: mean}") else { return }
    #expect(zip(mean.values, g.values).allSatisfy { abs($0 - $1 / 2) < 1e-7 })
}

@Test func gradientOfAParameterIsTheBackwardPass() throws {
    let flow = "{of: W1, X: [[1, 2], [-1, 0.5]], W1: [[1, -1, 0.5], [0.5, 1, -1]], b1: [0, -1, 0.5], W2: [[1, 0], [2, -1], [-1, 1]], b2: [0.5, 0], y: [1, 0], reduction: mean}"
    let params = MLPParameters(weights: [Tensor([[1, -1, 0.5], [0.5, 1, -1]]), Tensor([[1, 0], [2, -1], [-1, 1]])],
                               biases: [Tensor([0, -1, 0.5]), Tensor([0.5, 0])])
    let grads = lossGradients(params, Tensor([[1, 2], [-1, 0.5]]), [1, 0], reduction: .mean)
    #expect(try run("gradient", flow) == .tensor(NDArray(grads.weights[0])))
    #expect(try run("gradient", flow.replacingOccurrences(of: "of: W1", with: "of: b2")) == .tensor(NDArray(grads.biases[1])))
    // All-ones weights: W1's first gradient vanishes.
    guard case let .tensor(w1) = try run("gradient", "{of: W1, X: [[0.2, 0.9, 0.4, 0], [1, 0, 0.5, 0.3]], y: [0, 2], inputs: 4, hiddens: [3], outputs: 3, init: ones}") else { return }
    #expect(w1.shape == [4, 3] && w1.values.allSatisfy { abs($0) < 1e-6 })
    #expect(throws: CallError.self) { try run("gradient", flow.replacingOccurrences(of: "of: W1", with: "of: W3")) }
    #expect(throws: CallError.self) { try run("gradient", flow.replacingOccurrences(of: "of: W1", with: "of: H")) }
    #expect(throws: CallError.self) { try run("gradient", flow.replacingOccurrences(of: "y: [1, 0]", with: "y: [1]")) }
}

@Test func gradientMistakes() throws {
    let flow = "{of: y_hat, y_hat: [[0, 0], [2, 0]], y: [0, 1]}"
    guard case let .tensor(g) = try run("gradient", flow), case let .tensor(flipped) = try run("gradient_sign_flipped", flow),
          case let .tensor(softmaxOnly) = try run("gradient_softmax_only", "{y_hat: [[0, 0], [2, 0]], y: [0, 1]}") else {
        Issue.record("no tensors"); return
    }
    #expect(flipped.values == g.values.map { -$0 })
    #expect(zip(softmaxOnly.values, NDArray(softmax(Tensor([[0, 0], [2, 0]]))).values).allSatisfy { abs($0 - $1) < 1e-7 })
    #expect(try run("relu_gradient_zero_at_zero", "{X: [[-2, 0, 3]]}") == .tensor(NDArray(shape: [1, 3], values: [0, 0, 1])))
}

@Test func runIndicesOfASweep() throws {
    func run(_ acc: Double, _ loss: Double) -> [EpochStats] { [EpochStats(epoch: 1, trainLoss: loss, trainAcc: 0, testAcc: acc, seconds: 0)] }
    let runs: CallResult = .runs([run(0.80, 0.50), run(0.835, 0.45), run(0.842, 0.41), run(0.846, 0.39), run(0.845, 0.40)])
    func index(_ output: String) throws -> CallResult {
        try OutputSelection.select(runs, output: OutputSelector(parsing: output), call: "sweep")
    }
    #expect(try index("best") == .integer(3))
    #expect(try index("lowest_train_loss") == .integer(3))
    #expect(try index("first_within[5]") == .integer(2))
    #expect(try index("first_within[15]") == .integer(1))
    #expect(try index("first_within[100]") == .integer(0))
    #expect(throws: CallError.self) { try index("best[2]") }
}

@Test func bestEpochOfAHistoryIsTheFirstWithTheHighestTestAccuracy() throws {
    let history = [0.70, 0.84, 0.81, 0.84, 0.83].enumerated().map {
        EpochStats(epoch: $0.offset + 1, trainLoss: 0.5, trainAcc: 0.9, testAcc: $0.element, seconds: 0)
    }
    func select(_ output: String) throws -> CallResult {
        try OutputSelection.select(.history(history), output: OutputSelector(parsing: output), call: "train")
    }
    #expect(try select("best_epoch") == .integer(2))
    #expect(try select("epoch") == .number(5))
    #expect(throws: CallError.self) { try select("best_epoch[3]") }
    #expect(try OutputSelection.select(.runs([history, Array(history.prefix(1))]), output: OutputSelector(parsing: "best_epoch"), call: "sweep")
            == .tensor(NDArray(vector: [2, 1])))
}

@Test func indexOfTheSmallestOrLargestEntryOfATensor() throws {
    func index(_ values: [Double], _ output: String) throws -> CallResult {
        try OutputSelection.select(.tensor(NDArray(vector: values)), output: OutputSelector(parsing: output), call: "per_class_accuracy")
    }
    #expect(try index([0.9, 0.48, 0.95, 0.48], "argmin") == .integer(1))
    #expect(try index([0.9, 0.48, 0.95, 0.95], "argmax") == .integer(2))
    #expect(try index([.nan, 0.5, 0.2], "argmin") == .integer(2))
    #expect(try index([.nan, 0.5, 0.2], "argmax") == .integer(1))
    #expect(throws: CallError.self) { try index([.nan], "argmin") }
    #expect(throws: CallError.self) { try index([0.5, 0.2], "argmin[1]") }
    #expect(throws: CallError.self) { try index([0.5, 0.2], "test_acc") }
    #expect(try OutputSelection.select(.tensor(NDArray(vector: [0.5, 0.2])), output: nil, call: "relu") == .tensor(NDArray(vector: [0.5, 0.2])))
    #expect(throws: CallError.self) { try OutputSelection.select(.number(0.5), output: OutputSelector(parsing: "argmin"), call: "loss") }
}

@Test(.enabled(if: fashionMNISTInstalled)) func confusionMatrixAndPerClassAccuracyOfATrainedNet() throws {
    let data = try sharedContext.data()
    let flow = "{epochs: 1, hiddens: [32], train_subset: 1000, test_subset: 300}"
    guard case let .tensor(m) = try run("confusion_matrix", flow), case let .tensor(acc) = try run("per_class_accuracy", flow) else {
        Issue.record("no tensors"); return
    }
    let sub = data.subset(train: 1000, test: 300)
    #expect(m.shape == [10, 10] && m.values.reduce(0, +) == 300)
    for c in 0..<10 {   // each row sums to the class's test images; the diagonal over it is its accuracy
        let row = Array(m.values[(c * 10)..<(c * 10 + 10)])
        #expect(row.reduce(0, +) == Double(sub.testLabels.filter { Int($0) == c }.count))
        #expect(abs(acc.values[c] - row[c] / row.reduce(0, +)) < 1e-12)
    }
    let correct = (0..<10).map { m.values[$0 * 10 + $0] }.reduce(0, +)
    guard case let .number(overall) = try run("evaluate_accuracy", flow) else { return }
    #expect(abs(correct / 300 - overall) < 1e-9)
    #expect(try run("per_class_accuracy", "{epochs: 1, hiddens: [32], train_subset: 1000, test_subset: 300, class: 6}") == .number(acc.values[6]))
    guard case let .tensor(precision) = try run("per_class_precision", flow) else { return }
    let column6 = (0..<10).map { m.values[$0 * 10 + 6] }.reduce(0, +)
    #expect(column6 == 0 ? precision.values[6].isNaN : abs(precision.values[6] - m.values[66] / column6) < 1e-12)
    guard case let .number(percent) = try run("accuracy_percent", flow) else { return }
    #expect(abs(percent - 100 * overall) < 1e-9)
}

@Test(.enabled(if: fashionMNISTInstalled)) func aValidationSplitTrainsOnTheRestAndMeasuresTheHeldOut() throws {
    let data = try sharedContext.data()
    var config = TrainConfig()
    config.epochs = 1
    config.hiddens = [16]
    config.trainSubset = 1000
    let direct = try trainMLP(config, data: data.validationSplit(5000, seed: 2))
    guard case let .history(h) = try run("train", "{epochs: 1, hiddens: [16], train_subset: 1000, validation: 5000, validation_seed: 2}") else {
        Issue.record("no history"); return
    }
    #expect(h.map(\.testAcc) == direct.history.map(\.testAcc))
    #expect(throws: CallError.self) { try run("train", "{epochs: 1, validation: 60000}") }
    // A cache keeps the run on the split apart from the run on the whole training set.
    let dir = temporaryDirectory("validation-cache")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let cached = CallContext(CallEnvironment(dataDirectory: nil, cache: RunCache(directory: dir)))
    guard case let .history(whole) = try run("train", "{epochs: 1, hiddens: [16], train_subset: 1000}", context: cached),
          case let .history(split) = try run("train", "{epochs: 1, hiddens: [16], train_subset: 1000, validation: 5000, validation_seed: 2}", context: cached) else { return }
    #expect(split.map(\.testAcc) == direct.history.map(\.testAcc))
    #expect(whole.map(\.trainLoss) != split.map(\.trainLoss))
}

@Test(.enabled(if: fashionMNISTInstalled)) func sweepMeanReportsOneFigureForEveryRun() throws {
    let flow = "{vary: {seed: [0, 1]}, epochs: 1, hiddens: [16], train_subset: 500, test_subset: 200}"
    guard case let .runs(runs) = try run("sweep", flow), case let .runs(mean) = try run("sweep_mean", flow) else { return }
    #expect(mean.count == 2 && mean[0] == mean[1])
    #expect(abs(mean[0][0].testAcc - (runs[0][0].testAcc + runs[1][0].testAcc) / 2) < 1e-12)
}
