import D2L
import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

@Test func reluAndSoftmaxCallTheLibrary() throws {
    let x = Tensor([[-1.5, 0, 2], [3, -0.25, 0.5]])
    #expect(try run("relu", "{X: [[-1.5, 0, 2], [3, -0.25, 0.5]]}") == .tensor(NDArray(shape: [2, 3], values: [0, 0, 2, 3, 0, 0.5])))
    #expect(try run("softmax", "{X: [[-1.5, 0, 2], [3, -0.25, 0.5]]}") == .tensor(NDArray(softmax(x))))
    guard case let .tensor(s) = try run("softmax", "{X: [[1000, 0]]}") else { Issue.record("no tensor"); return }
    #expect(s.values == [1, 0])   // the library's stable softmax
}

@Test func generatedArguments() throws {
    #expect(try run("relu", "{X: {randn: [4, 5], seed: 3}}") == .tensor(NDArray(relu(Tensor.randn([4, 5], seed: 3)))))
    #expect(try run("relu", "{X: {zeros: [2, 3]}}") == .tensor(NDArray(shape: [2, 3], values: [0, 0, 0, 0, 0, 0])))
    #expect(try run("relu", "{X: {full: [2], value: -7}}") == .tensor(NDArray(vector: [0, 0])))
    #expect(try run("relu", "{X: {arange: [2, 2], shift: -1}}") == .tensor(NDArray(shape: [2, 2], values: [0, 0, 1, 2])))
    let scaled = try run("relu_identity", "{X: {randn: [3], seed: 1, scale: 1000}}")
    #expect(scaled == .tensor(NDArray(vector: Tensor.randn([3], seed: 1).scalars.map { Double($0 * 1000) })))
    guard case let .tensor(labels) = try run("relu", "{X: {randint: [50], high: 10, seed: 2}}") else { return }
    #expect(labels.values.allSatisfy { $0 >= 0 && $0 < 10 && $0 == $0.rounded() })
    #expect(Set(labels.values).count > 3)
}

@Test func netWithExplicitAndGeneratedParameters() throws {
    let explicit = try run("net", "{X: [[1, 2], [3, -4]], W1: [[1, 0, -1], [0, 1, 1]], b1: [0.5, -10, 0], W2: [[1], [2], [3]], b2: [0.25]}")
    let params = MLPParameters(weights: [Tensor([[1, 0, -1], [0, 1, 1]]), Tensor([[1], [2], [3]])],
                               biases: [Tensor([0.5, -10, 0]), Tensor([0.25])])
    #expect(explicit == .tensor(NDArray(net(Tensor([[1, 2], [3, -4]]), params))))
    // By hand: row 1: h = relu([1.5, -8, 1]) = [1.5, 0, 1] → 1.5 + 3 + 0.25 = 4.75;
    // row 2: h = relu([3.5, -14, -7]) = [3.5, 0, 0] → 3.5 + 0.25 = 3.75.
    #expect(explicit == .tensor(NDArray(shape: [2, 1], values: [4.75, 3.75])))
    let generated = try run("net", "{X: {randn: [2, 1, 28, 28], seed: 7}, hiddens: [32, 16], seed: 4}")
    let p = MLPParameters.initialize(hiddens: [32, 16], seed: 4)
    #expect(generated == .tensor(NDArray(net(Tensor.randn([2, 1, 28, 28], seed: 7), p))))
    let zeros = try run("net", "{X: {randn: [3, 784], seed: 1}, init: zeros}")
    #expect(zeros == .tensor(NDArray(shape: [3, 10], values: Array(repeating: 0, count: 30))))
}

@Test func netShapeErrorsAreCallErrorsNotCrashes() {
    #expect { try run("net", "{X: [[1, 2, 3]], W1: [[1], [2]], b1: [0], W2: [[1]], b2: [0]}") } throws: {
        ($0 as? CallError)?.message.contains("cannot be reshaped to [-1, 2]") == true
    }
    #expect { try run("net", "{X: [[1, 2]], W1: [[1], [2]], b1: [0, 1], W2: [[1]], b2: [0]}") } throws: {
        ($0 as? CallError)?.message.contains("b1") == true
    }
    #expect { try run("net", "{X: [[1, 2]], W1: [[1], [2]], b1: [0], W2: [[1], [1]], b2: [0]}") } throws: {
        ($0 as? CallError)?.message.contains("W1 has 1 columns") == true
    }
    #expect(throws: CallError.self) { try run("net", "{X: [[1, 2]], W1: [[1], [2]], b1: [0], b2: [0]}") }
}

@Test func lossMatchesTheLibraryAndIsStable() throws {
    let logits = Tensor([[1000, 0, -1000], [0, 0, 0]])
    #expect(try run("loss", "{y_hat: [[1000, 0, -1000], [0, 0, 0]], y: [0, 2]}") == .tensor(NDArray(crossEntropy(logits, [0, 2]))))
    guard case let .number(mean) = try run("loss", "{y_hat: [[1000, 0, -1000], [0, 0, 0]], y: [0, 2], reduction: mean}") else {
        Issue.record("mean is not a number"); return
    }
    #expect(abs(mean - log(3) / 2) < 1e-6)
    guard case let .number(sum) = try run("loss", "{y_hat: [[1000, 0, -1000], [0, 0, 0]], y: [0, 2], reduction: sum}") else { return }
    #expect(abs(sum - log(3)) < 1e-6)
    #expect { try run("loss", "{y_hat: [[1, 2]], y: [2]}") } throws: { ($0 as? CallError)?.message.contains("label 2") == true }
    #expect(throws: CallError.self) { try run("loss", "{y_hat: [[1, 2]], y: [0], reduction: average}") }
}

@Test func paramCountAndShapes() throws {
    #expect(try run("param_count", "{}") == .integer(784 * 256 + 256 + 256 * 10 + 10))
    #expect(try run("param_count", "{hiddens: [128, 64]}") == .integer(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10))
    #expect(try run("param_count_weights_only", "{}") == .integer(784 * 256 + 256 * 10))
    #expect(try run("shape", "{of: W1}") == .shape([784, 256]))
    #expect(try run("shape", "{of: b2, hiddens: [128]}") == .shape([10]))
    #expect(try run("shape", "{of: W3, hiddens: [128, 64]}") == .shape([64, 10]))
    #expect(try run("shape_transposed", "{of: W1}") == .shape([256, 784]))
    #expect(try run("shape", "{X: {zeros: [256, 1, 28, 28]}, reshape: [-1, 784]}") == .shape([256, 784]))
    #expect(try run("shape", "{of: net, X: {zeros: [5, 784]}, hiddens: [8]}") == .shape([5, 10]))
    #expect(throws: CallError.self) { try run("shape", "{of: W3}") }
    #expect { try run("param_count", "{hiddens: [100000000]}") } throws: { ($0 as? CallError)?.message.contains("too large") == true }
    // Sizes whose product, or whose count, is past what an Int holds: errors, not traps.
    #expect { try run("relu", "{X: {randn: [99999999, 99999999, 99999999], seed: 1}}") } throws: {
        ($0 as? CallError)?.message.contains("the shape [99999999, 99999999, 99999999] is too large") == true
    }
    #expect { try run("relu", "{X: {images: 100000000000000000000}}") } throws: {
        ($0 as? CallError)?.message.contains("takes how many, like {images: 8}") == true
    }
    // A training run that would never end under `tutor lint`.
    #expect { try run("train", "{epochs: 999999999999}") } throws: {
        ($0 as? CallError)?.message.contains("must be at most 100, found 999999999999") == true
    }
    #expect(throws: CallError.self) { try run("shape", "{X: {zeros: [3, 5]}, reshape: [-1, 4]}") }
}

@Test func mistakeCallsComputeTheTypicalWrongAnswers() throws {
    #expect(try run("relu_identity", "{X: [-1, 2]}") == .tensor(NDArray(vector: [-1, 2])))
    #expect(try run("relu_abs", "{X: [-1, 2]}") == .tensor(NDArray(vector: [1, 2])))
    #expect(try run("relu_min", "{X: [-1, 2]}") == .tensor(NDArray(vector: [-1, 0])))
    guard case let .tensor(u) = try run("softmax_unstable", "{X: [[1000, 0]]}") else { return }
    #expect(u.values[0].isNaN)    // inf / inf
    guard case let .number(l) = try run("loss_unstable", "{y_hat: [[1000, 0, -1000]], y: [0], reduction: mean}") else { return }
    #expect(l.isNaN || l.isInfinite)
    guard case let .tensor(noLog) = try run("loss_no_log", "{y_hat: [[0, 0]], y: [1]}") else { return }
    #expect(noLog.values == [-0.5])
    guard case let .tensor(axis0) = try run("softmax_wrong_axis", "{X: [[0, 5], [0, 5]]}") else { return }
    #expect(axis0.values == [0.5, 0.5, 0.5, 0.5])
    let x = "{X: {randn: [2, 784], seed: 2}, hiddens: [16], seed: 1}"
    var p = MLPParameters.initialize(hiddens: [16], seed: 1)
    p.biases = p.biases.map { Tensor(shape: $0.shape, scalars: Array(repeating: 0.5, count: $0.count)) }
    let withBias = try run("net", "{X: {randn: [2, 784], seed: 2}, W1: \(nested(p.weights[0])), b1: \(nested(p.biases[0])), W2: \(nested(p.weights[1])), b2: \(nested(p.biases[1]))}")
    let withoutBias = try run("net_without_bias", "{X: {randn: [2, 784], seed: 2}, W1: \(nested(p.weights[0])), b1: \(nested(p.biases[0])), W2: \(nested(p.weights[1])), b2: \(nested(p.biases[1]))}")
    var zeroBias = p
    zeroBias.biases = p.biases.map { Tensor.zeros($0.shape) }
    #expect(withoutBias == .tensor(NDArray(net(Tensor.randn([2, 784], seed: 2), zeroBias))))
    #expect(withBias != withoutBias)
    guard case let .tensor(linear) = try run("net_without_relu", x), case let .tensor(real) = try run("net", x) else { return }
    #expect(linear.shape == [2, 10] && linear != real)
    guard case let .tensor(zeroW1) = try run("net_zero_w1", x) else { return }
    #expect(zeroW1.values.allSatisfy { $0 == 0 })   // b1 = 0, so the hidden layer is 0, and b2 = 0
}

private func nested(_ t: Tensor) -> String {
    t.rank == 1 ? "[" + t.scalars.map { "\($0)" }.joined(separator: ", ") + "]"
        : "[" + (0..<t.shape[0]).map { r in "[" + (0..<t.shape[1]).map { "\(t.scalars[r * t.shape[1] + $0])" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
}

@Test func unknownCallsAndArgumentsAreNamed() {
    #expect { try run("relux", "{X: [1]}") } throws: { ($0 as? CallError)?.message.contains("did you mean 'relu'") == true }
    #expect { try run("relu", "{Y: [1]}") } throws: { ($0 as? CallError)?.message.contains("no argument `Y`") == true }
    #expect { try run("relu", "{X: {randn: [2], sed: 3}}") } throws: { ($0 as? CallError)?.message.contains("did you mean 'seed'") == true }
    #expect { try run("relu", "{X: [[1, 2], [3]]}") } throws: { ($0 as? CallError)?.message.contains("rectangular") == true }
    #expect(throws: CallError.self) { try run("relu", "{X: hello}") }
}

@Test(.enabled(if: fashionMNISTInstalled)) func trainingCallsMatchTheLibrary() throws {
    let data = try sharedContext.data()
    var config = TrainConfig()
    config.epochs = 2
    config.hiddens = [32]
    config.trainSubset = 1000
    config.testSubset = 300
    let direct = try trainMLP(config, data: data)
    let flow = "{epochs: 2, hiddens: [32], train_subset: 1000, test_subset: 300}"
    guard case let .history(h) = try run("train", flow) else { Issue.record("no history"); return }
    #expect(h.map(\.testAcc) == direct.history.map(\.testAcc))
    // The library's threaded training sums in varying order: losses agree to ~1e-9, not bit for bit.
    #expect(zip(h, direct.history).allSatisfy { abs($0.trainLoss - $1.trainLoss) < 1e-6 })
    #expect(try OutputSelection.select(.history(h), output: OutputSelector(parsing: "test_acc"), call: "train") == .number(direct.history[1].testAcc))
    #expect(try OutputSelection.select(.history(h), output: OutputSelector(parsing: "train_loss[1]"), call: "train") == .number(h[0].trainLoss))
    #expect(try OutputSelection.select(.history(h), output: OutputSelector(parsing: "train_acc[:]"), call: "train")
            == .tensor(NDArray(vector: direct.history.map(\.trainAcc))))
    #expect(throws: CallError.self) { try OutputSelection.select(.history(h), output: OutputSelector(parsing: "test_acc[3]"), call: "train") }
    #expect(throws: CallError.self) { try OutputSelection.select(.history(h), output: OutputSelector(parsing: "tset_acc"), call: "train") }

    let sub = data.subset(train: 1000, test: 300)
    let untrained = MLPParameters.initialize(hiddens: [32], seed: 0)
    #expect(try run("evaluate_accuracy", "{hiddens: [32], train_subset: 1000, test_subset: 300}")
            == .number(evaluateMLPAccuracy(untrained, images: sub.testImages, labels: sub.testLabels)))
    guard case let .number(trained) = try run("evaluate_accuracy", "{epochs: 2, hiddens: [32], train_subset: 1000, test_subset: 300}") else { return }
    #expect(abs(trained - evaluateMLPAccuracy(direct.params, images: sub.testImages, labels: sub.testLabels)) <= 1.0 / 300)
    #expect(try run("predict", "{hiddens: [32], train_subset: 1000, test_subset: 300, count: 5, offset: 3}")
            == .predictions(predictMLP(untrained, data: sub, count: 5, offset: 3)))
    guard case let .predictions(p) = try run("predict", "{epochs: 2, hiddens: [32], train_subset: 1000, test_subset: 300, count: 5, offset: 3}") else { return }
    #expect(p.map(\.index) == [3, 4, 5, 6, 7] && p.map(\.label) == sub.testLabels[3..<8].map(Int.init))
    let labels = try run("relu", "{X: {labels: 4, split: test, offset: 2}}")
    #expect(labels == .tensor(NDArray(vector: data.testLabels[2..<6].map(Double.init))))
    guard case let .tensor(images) = try run("relu", "{X: {images: 2, split: train}}") else { return }
    #expect(images.shape == [2, 1, 28, 28] && images.values[0..<784].map { Int($0 * 255 + 0.5) } == data.trainImages[0..<784].map(Int.init))
}

@Test(.enabled(if: fashionMNISTInstalled)) func sweepPicksTheBestRun() throws {
    guard case let .runs(runs) = try run("sweep", "{vary: {lr: [0.001, 0.5]}, epochs: 1, hiddens: [16], train_subset: 1000, test_subset: 300}") else {
        Issue.record("no runs"); return
    }
    #expect(runs.count == 2)
    let finals = runs.map { $0.last!.testAcc }
    let best = try OutputSelection.select(.runs(runs), output: OutputSelector(field: "best"), call: "sweep")
    #expect(best == .integer(finals[0] > finals[1] ? 0 : 1))
    #expect(try OutputSelection.select(.runs(runs), output: OutputSelector(field: "test_acc"), call: "sweep") == .tensor(NDArray(vector: finals)))
    #expect { try run("sweep", "{vary: {lrr: [0.1]}}") } throws: { ($0 as? CallError)?.message.contains("did you mean 'lr'") == true }
}
