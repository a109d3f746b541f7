import Foundation
import Testing
@testable import D2L

@Suite struct ReluTests {
    @Test func reluMatchesTorchMaxWithZeros() {
        let ref = ReferenceFixture.shared.relu
        #expect(relu(Tensor(ref.x)) == Tensor(ref.y))
    }

    @Test func reluOfTheNotesExample() {
        #expect(relu(Tensor([[-1.5, 0, 2], [3, -0.25, 0.5]])) == Tensor([[0, 0, 2], [3, 0, 0.5]]))
    }

    @Test func reluKeepsNaN() {
        #expect(relu(Tensor([.nan, -1])).scalars[0].isNaN)
    }
}

@Suite struct SoftmaxTests {
    @Test func softmaxMatchesPyTorch() {
        let ref = ReferenceFixture.shared.softmax
        #expect(maxScaledError(softmax(Tensor(ref.x)).scalars, Tensor(ref.y).scalars) < 1e-6)
    }

    @Test func rowsSumToOneEvenForHugeLogits() {
        let p = softmax(Tensor([[1000, -1000, 999], [88, 89, 90]]))
        for row in p.sum(axis: 1).scalars { #expect(abs(row - 1) < 1e-6) }
        #expect(p.scalars.allSatisfy { $0.isFinite })
    }
}

@Suite struct CrossEntropyTests {
    let ref = ReferenceFixture.shared.cross_entropy

    @Test func perExampleLossesMatchPyTorchIncludingHugeLogits() {
        let losses = crossEntropy(Tensor(ref.logits), ref.labels, reduction: .none)
        #expect(losses.shape == [ref.labels.count])
        #expect(losses.scalars.allSatisfy { $0.isFinite })
        #expect(maxScaledError(losses.scalars, ref.none) < 1e-5)
    }

    @Test func meanAndSumMatchPyTorch() {
        let mean = crossEntropy(Tensor(ref.logits), ref.labels, reduction: .mean)
        let sum = crossEntropy(Tensor(ref.logits), ref.labels, reduction: .sum)
        #expect(mean.shape == [] && sum.shape == [])
        #expect(maxScaledError([mean.scalar, sum.scalar], [ref.mean, ref.sum]) < 1e-5)
    }

    @Test func fusedGradientMatchesPyTorch() {
        let (loss, gradient) = crossEntropyWithGradient(Tensor(ref.logits), ref.labels, reduction: .mean)
        #expect(maxScaledError([loss.scalar], [ref.mean]) < 1e-5)
        #expect(gradient.maxAbsDifference(Tensor(ref.grad_of_mean)) < 1e-6)
    }

    @Test func fusedLossEqualsTheBooksSoftmaxThenLogWhereThatIsFinite() {
        var rng = SeededRNG(seed: 8)
        let logits = Tensor.randn([5, 10], rng: &rng)
        let labels = [3, 0, 9, 9, 4]
        let p = softmax(logits)
        let naive = labels.enumerated().map { -logf(p.scalars[$0.offset * 10 + $0.element]) }
        #expect(crossEntropy(logits, labels).maxAbsDifference(Tensor(naive)) < 1e-5)
    }
}

@Suite struct MLPTests {
    @Test func chapterInitialisationHasTheBooksShapesAndScale() {
        let p = MLPParameters.initialize()
        #expect(p.weights.map(\.shape) == [[784, 256], [256, 10]])
        #expect(p.biases.map(\.shape) == [[256], [10]])
        #expect(p.biases.allSatisfy { $0.scalars.allSatisfy { $0 == 0 } })
        #expect(p.parameterCount == 784 * 256 + 256 + 256 * 10 + 10)
        let w = p.weights[0].scalars
        let std = (w.reduce(0) { $0 + $1 * $1 } / Float(w.count)).squareRoot()
        #expect(abs(std - 0.01) < 0.0002)
        #expect(MLPParameters.initialize(seed: 0) == p)
        #expect(MLPParameters.initialize(seed: 1) != p)
    }

    @Test func anyNumberOfHiddenLayers() {
        let p = MLPParameters.initialize(inputs: 784, hiddens: [256, 128, 64], outputs: 10)
        #expect(p.weights.map(\.shape) == [[784, 256], [256, 128], [128, 64], [64, 10]])
        #expect(p.hiddens == [256, 128, 64])
        #expect(net(Tensor.zeros([3, 1, 28, 28]), p).shape == [3, 10])
        #expect(MLPParameters.initialize(hiddens: []).weights.map(\.shape) == [[784, 10]])
    }

    @Test func netMatchesPyTorchOnTheSmallChapterNetwork() {
        let ref = ReferenceFixture.shared.network
        let out = net(Tensor(ref.x), ref.parameters)
        #expect(out.maxAbsDifference(Tensor(ref.output)) < 1e-5)
        let loss = crossEntropy(out, ref.labels, reduction: .mean)
        #expect(abs(loss.scalar - ref.loss_mean) < 1e-5)
    }

    @Test func netMatchesPyTorchWithTwoHiddenLayers() {
        let ref = ReferenceFixture.shared.deep_network
        #expect(net(Tensor(ref.x), ref.parameters).maxAbsDifference(Tensor(ref.output)) < 1e-5)
    }

    @Test func netIsReluOfTheHiddenLayerThenLinear() {
        var rng = SeededRNG(seed: 12)
        let p = MLPParameters.initialize(inputs: 12, hiddens: [7], outputs: 4, scale: 1, seed: 3)
        let x = Tensor.randn([5, 3, 4], rng: &rng)
        let flat = try! x.reshaped([-1, 12])
        let expected = naiveMatmul(relu(naiveMatmul(flat, p.weights[0]) + p.biases[0]), p.weights[1]) + p.biases[1]
        #expect(net(x, p).maxAbsDifference(expected) < 1e-5)
    }

    @Test func parametersRoundTripThroughJSONAndCorruptionIsAnError() throws {
        let p = MLPParameters.initialize(inputs: 6, hiddens: [4], outputs: 3, seed: 2)
        #expect(try JSONDecoder().decode(MLPParameters.self, from: JSONEncoder().encode(p)) == p)
        var broken = p
        broken.biases[1] = Tensor.zeros([4])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MLPParameters.self, from: JSONEncoder().encode(broken))
        }
    }
}
