import Testing
@testable import D2L

/// Every differentiable op against finite differences.
@Suite struct GradientCheckTests {
    let tolerance: Float = 2e-3

    @Test func matmulGradientMatchesFiniteDifferences() {
        let a = Tensor.randn([4, 3], seed: 1), b = Tensor.randn([3, 5], seed: 2)
        #expect(gradientCheckError([a, b]) { D2L.matmul($0[0], $0[1]) } < tolerance)
    }

    @Test func linearGradientMatchesFiniteDifferences() {
        let x = Tensor.randn([4, 3], seed: 1), w = Tensor.randn([3, 5], seed: 2), b = Tensor.randn([5], seed: 3)
        #expect(gradientCheckError([x, w, b]) { D2L.linear($0[0], $0[1], $0[2]) } < tolerance)
    }

    @Test(arguments: [[3, 4], [4], [1, 4], [3, 1], []])
    func addWithBroadcasting(rightShape: [Int]) {
        let a = Tensor.randn([3, 4], seed: 4), b = Tensor.randn(rightShape, seed: 5)
        #expect(gradientCheckError([a, b]) { $0[0] + $0[1] } < tolerance)
        #expect(gradientCheckError([b, a]) { $0[0] + $0[1] } < tolerance)
    }

    @Test func subtractMultiplyDivideWithBroadcasting() {
        let a = Tensor.randn([3, 4], seed: 6)
        let b = randomAwayFromZero([4], seed: 7, margin: 0.5)
        #expect(gradientCheckError([a, b]) { $0[0] - $0[1] } < tolerance)
        #expect(gradientCheckError([a, b]) { $0[0] * $0[1] } < tolerance)
        #expect(gradientCheckError([a, b], eps: 1e-3) { $0[0] / $0[1] } < tolerance)
    }

    @Test func scalarArithmeticAndNegation() {
        let a = Tensor.randn([2, 3], seed: 8)
        #expect(gradientCheckError([a]) { 3 * $0[0] } < tolerance)
        #expect(gradientCheckError([a]) { $0[0] / 4 } < tolerance)
        #expect(gradientCheckError([a]) { -$0[0] } < tolerance)
    }

    @Test func reshapeGradientMatchesFiniteDifferences() {
        let a = Tensor.randn([2, 3, 2], seed: 9)
        #expect(gradientCheckError([a]) { try! $0[0].reshaped([-1, 4]) } < tolerance)
    }

    @Test func sumAndMeanOverallAndAlongAnAxis() {
        let a = Tensor.randn([3, 4], seed: 10)
        #expect(gradientCheckError([a]) { $0[0].sum() } < tolerance)
        #expect(gradientCheckError([a]) { $0[0].mean() } < tolerance)
        for axis in [0, 1, -1] {
            #expect(gradientCheckError([a]) { $0[0].sum(axis: axis) } < tolerance)
            #expect(gradientCheckError([a]) { $0[0].sum(axis: axis, keepDims: true) } < tolerance)
            #expect(gradientCheckError([a]) { $0[0].mean(axis: axis) } < tolerance)
        }
        let cube = Tensor.randn([2, 3, 2], seed: 11)
        #expect(gradientCheckError([cube]) { $0[0].sum(axis: 1) } < tolerance)
    }

    @Test func expAndLog() {
        let a = Tensor.randn([3, 3], seed: 12)
        let positive = Tensor.randn([3, 3], seed: 13).map { abs($0) + 0.5 }
        #expect(gradientCheckError([a], eps: 1e-3) { $0[0].exp() } < tolerance)
        #expect(gradientCheckError([positive], eps: 1e-3) { $0[0].log() } < tolerance)
    }

    @Test func maximumAndReluAwayFromTies() {
        let a = randomAwayFromZero([3, 4], seed: 14)
        let b = a + randomAwayFromZero([3, 4], seed: 15)   // differs from a by at least 0.1
        #expect(gradientCheckError([a, b]) { D2L.maximum($0[0], $0[1]) } < tolerance)
        #expect(gradientCheckError([a]) { D2L.relu($0[0]) } < tolerance)
        #expect(gradientCheckError([a]) { D2L.maximum($0[0], Variable(Tensor(scalar: 0))) } < tolerance)
    }

    @Test func softmaxOverTheLastAxis() {
        let a = Tensor.randn([3, 5], seed: 16)
        #expect(gradientCheckError([a], eps: 1e-3) { D2L.softmax($0[0]) } < tolerance)
    }

    @Test(arguments: Reduction.allCases)
    func fusedCrossEntropy(reduction: Reduction) {
        let logits = Tensor.randn([4, 5], seed: 17) * 2
        let labels = [0, 4, 2, 2]
        #expect(gradientCheckError([logits], eps: 1e-3) { D2L.crossEntropy($0[0], labels, reduction: reduction) } < tolerance)
    }

    @Test(arguments: [[5], [6, 4]])
    func wholeNetworkAndLoss(hiddens: [Int]) {
        let p = MLPParameters.initialize(inputs: 6, hiddens: hiddens, outputs: 3, scale: 0.7, seed: 18)
        let x = Tensor.randn([5, 6], seed: 19)
        let labels = [0, 1, 2, 1, 0]
        let layers = p.weights.count
        let error = gradientCheckError(p.weights + p.biases, eps: 1e-3) { v in
            // The layers written out on these very Variables, so that the gradients reach them.
            var h = Variable(x)
            for l in 0..<layers {
                h = D2L.matmul(h, v[l]) + v[layers + l]
                if l < layers - 1 { h = D2L.relu(h) }
            }
            return D2L.crossEntropy(h, labels, reduction: .mean)
        }
        #expect(error < tolerance)
    }
}

@Suite struct GradientCheckerTests {
    @Test func theCheckerCatchesAWrongGradient() {
        // y = x², with a pullback that forgets the factor 2.
        func wrongSquare(_ x: Variable) -> Variable {
            let v = x.value
            return Variable(value: v * v, parents: [x]) { g in [g * v] }
        }
        let a = Tensor.randn([3], seed: 20)
        #expect(gradientCheckError([a]) { wrongSquare($0[0]) } > 0.1)
        #expect(gradientCheckError([a]) { $0[0] * $0[0] } < 2e-3)
    }
}

@Suite struct AutodiffAgainstPyTorchTests {
    @Test func reluGradientIsOneHalfAtZeroLikeTorchMax() {
        let ref = ReferenceFixture.shared.relu
        let x = Variable(Tensor(ref.x), requiresGrad: true)
        relu(x).sum().backward()
        #expect(x.grad == Tensor(ref.grad_of_sum))
        #expect(x.grad!.scalars[1] == 0.5)   // x[0][1] is exactly 0
    }

    @Test func atATieTheCentralDifferenceAlsoGivesOneHalf() {
        // (relu(ε) − relu(−ε)) / 2ε = ½: PyTorch's choice is the symmetric derivative.
        let zeros = Tensor.zeros([2, 3])
        #expect(gradientCheckError([zeros]) { relu($0[0]) } < 1e-6)
        let a = Tensor([1, -2, 0.5])
        #expect(gradientCheckError([a, a]) { maximum($0[0], $0[1]) } < 1e-6)
    }

    @Test func maximumSplitsATieEvenly() {
        let a = Variable(Tensor([1, 2, 3]), requiresGrad: true)
        let b = Variable(Tensor([1, 5, 0]), requiresGrad: true)
        maximum(a, b).sum().backward()
        #expect(a.grad == Tensor([0.5, 0, 1]))
        #expect(b.grad == Tensor([0.5, 1, 0]))
    }

    @Test func crossEntropyGradientMatchesPyTorch() {
        let ref = ReferenceFixture.shared.cross_entropy
        let logits = Variable(Tensor(ref.logits), requiresGrad: true)
        let loss = crossEntropy(logits, ref.labels, reduction: .mean)
        loss.backward()
        #expect(maxScaledError([loss.value.scalar], [ref.mean]) < 1e-5)
        #expect(logits.grad!.maxAbsDifference(Tensor(ref.grad_of_mean)) < 1e-6)
    }

    @Test(arguments: ["network", "deep_network"])
    func networkGradientsMatchPyTorch(name: String) {
        let ref = name == "network" ? ReferenceFixture.shared.network : ReferenceFixture.shared.deep_network
        let params = MLPVariables(ref.parameters)
        let out = net(Tensor(ref.x), params)
        let loss = crossEntropy(out, ref.labels, reduction: .mean)
        loss.backward()
        #expect(out.value.maxAbsDifference(Tensor(ref.output)) < 1e-5)
        #expect(abs(loss.value.scalar - ref.loss_mean) < 1e-5)
        for (w, expected) in zip(params.weights, ref.grad_weights) {
            #expect(w.grad!.maxAbsDifference(Tensor(expected)) < 1e-5)
        }
        for (b, expected) in zip(params.biases, ref.grad_biases) {
            #expect(b.grad!.maxAbsDifference(Tensor(expected)) < 1e-5)
        }
    }
}

@Suite struct AutodiffBehaviourTests {
    @Test func gradientsAccumulateUntilZeroed() {
        let w = Variable(Tensor([1, 2]), requiresGrad: true)
        let x = Variable(Tensor([3, 4]))
        (w * x).sum().backward()
        #expect(w.grad == Tensor([3, 4]))
        (w * x).sum().backward()
        #expect(w.grad == Tensor([6, 8]))
        w.zeroGrad()
        #expect(w.grad == Tensor([0, 0]))
        (w * w).sum().backward()
        #expect(w.grad == Tensor([2, 4]))
    }

    @Test func aVariableUsedTwiceGetsBothContributions() {
        // y = x·x + 3x  ⇒  dy/dx = 2x + 3
        let x = Variable(Tensor(scalar: 5), requiresGrad: true)
        (x * x + 3 * x).backward()
        #expect(x.grad == Tensor(scalar: 13))
    }

    @Test func constantsRecordNoGraphAndGetNoGradient() {
        let c = Variable(Tensor([1, 2]))
        let w = Variable(Tensor([3, 4]), requiresGrad: true)
        let constantOnly = c * c
        #expect(!constantOnly.requiresGrad && constantOnly.isLeaf)
        (c * w).sum().backward()
        #expect(c.grad == nil)
        #expect(w.grad == Tensor([1, 2]))
    }

    @Test func intermediateResultsKeepNoGradient() {
        let w = Variable(Tensor([1, 2]), requiresGrad: true)
        let h = w * 2
        h.sum().backward()
        #expect(h.grad == nil)
        #expect(w.grad == Tensor([2, 2]))
    }

    @Test func detachedCutsTheGraph() {
        let w = Variable(Tensor([1, 2]), requiresGrad: true)
        let d = (w * 2).detached()
        #expect(!d.requiresGrad)
        (w * d).sum().backward()
        #expect(w.grad == Tensor([2, 4]))
    }

    @Test func aLongChainBacksUpAndIsFreedWithoutOverflowingTheStack() {
        // Released recursively, a chain of 100,000 nodes overflowed the 8 MiB stack.
        let w = Variable(Tensor(scalar: 1), requiresGrad: true)
        do {
            var total = w * 1
            for _ in 0..<100_000 { total = total + w }
            total.backward()
        }
        #expect(w.grad == Tensor(scalar: 100_001))
    }

    @Test func netOnVariablesEqualsNetOnTensors() {
        let p = MLPParameters.initialize(inputs: 8, hiddens: [6, 5], outputs: 3, scale: 0.5, seed: 4)
        let x = Tensor.randn([7, 2, 4], seed: 5)
        #expect(net(x, MLPVariables(p)).value.maxAbsDifference(net(x, p)) < 1e-6)
        #expect(MLPVariables(p).parameters == p)
        #expect(MLPVariables(p).all.map(\.shape) == [[8, 6], [6], [6, 5], [5], [5, 3], [3]])
    }
}
