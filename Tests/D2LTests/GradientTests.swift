import Testing
@testable import D2L

@Suite struct ReluGradientTests {
    @Test func matchesTorchMaxBackwardIncludingTheTieAtZero() {
        let ref = ReferenceFixture.shared.relu
        #expect(reluGradient(Tensor(ref.x)) == Tensor(ref.grad_of_sum))
    }

    @Test func equalsTheAutodiffGradientOfTheSum() {
        let X = Tensor([[-2, 0, 3], [0.5, -0.001, 0]])
        let v = Variable(X, requiresGrad: true)
        relu(v).sum().backward()
        #expect(reluGradient(X) == v.grad)
        #expect(reluGradient(X) == Tensor([[0, 0.5, 1], [1, 0, 0.5]]))
    }
}

@Suite struct LogitGradientTests {
    /// The gradient of the summed loss with respect to the logits is softmax − one-hot.
    @Test func gradientOfTheSumIsSoftmaxMinusOneHotAsPyTorch() {
        let ref = ReferenceFixture.shared.cross_entropy
        let logits = Tensor(ref.logits)
        let gradient = crossEntropyWithGradient(logits, ref.labels, reduction: .sum).gradient
        #expect(gradient.maxAbsDifference(Tensor(ref.grad_of_sum)) < 1e-6)
        var oneHot = Tensor.zeros(logits.shape)
        for (row, label) in ref.labels.enumerated() { oneHot.scalars[row * logits.shape[1] + label] = 1 }
        #expect(gradient.maxAbsDifference(softmax(logits) - oneHot) < 1e-6)
    }
}

@Suite struct LossGradientsTests {
    @Test(arguments: ["network", "deep_network", "ones_network"])
    func everyParameterGradientMatchesPyTorch(_ name: String) {
        let fixture = ReferenceFixture.shared
        let ref = name == "network" ? fixture.network : name == "deep_network" ? fixture.deep_network : fixture.ones_network
        let grads = lossGradients(ref.parameters, Tensor(ref.x), ref.labels, reduction: .mean)
        #expect(grads.weights.count == ref.grad_weights.count)
        for (mine, theirs) in zip(grads.weights, ref.grad_weights) {
            #expect(mine.maxAbsDifference(Tensor(theirs)) < 1e-5, "\(name): \(mine) vs \(theirs)")
        }
        for (mine, theirs) in zip(grads.biases, ref.grad_biases) {
            #expect(mine.maxAbsDifference(Tensor(theirs)) < 1e-5, "\(name): \(mine) vs \(theirs)")
        }
    }

    /// All-ones weights: W1's first gradient vanishes (up to rounding) and W2's gradient has equal
    /// rows, so the hidden units stay interchangeable.
    @Test func allOnesInitialisationGivesAZeroFirstGradientForW1() {
        let ref = ReferenceFixture.shared.ones_network
        let grads = lossGradients(ref.parameters, Tensor(ref.x), ref.labels)
        #expect(grads.weights[0].scalars.allSatisfy { abs($0) < 1e-6 })
        let w2 = grads.weights[1], columns = w2.shape[1]
        #expect(w2.scalars.contains { abs($0) > 0.1 })
        for row in 1..<w2.shape[0] {
            #expect(Array(w2.scalars[(row * columns)..<((row + 1) * columns)]) == Array(w2.scalars[0..<columns]))
        }
    }

    @Test func noneDifferentiatesTheSumOfTheLosses() {
        let ref = ReferenceFixture.shared.network
        let sum = lossGradients(ref.parameters, Tensor(ref.x), ref.labels, reduction: .sum)
        let none = lossGradients(ref.parameters, Tensor(ref.x), ref.labels, reduction: .none)
        let mean = lossGradients(ref.parameters, Tensor(ref.x), ref.labels, reduction: .mean)
        #expect(none == sum)
        let n = Float(ref.labels.count)
        #expect(sum.weights[0].maxAbsDifference(mean.weights[0] * n) < 1e-5)
    }
}
