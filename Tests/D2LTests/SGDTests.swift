import Testing
@testable import D2L

@Suite struct SGDTests {
    /// Batches of a fixed toy problem: 3 batches of 4 examples, 6 features, 3 classes.
    static let batches: [(Tensor, [Int])] = [
        (Tensor.randn([4, 6], seed: 100), [0, 1, 2, 0]),
        (Tensor.randn([4, 6], seed: 101), [1, 2, 0, 1]),
        (Tensor.randn([4, 6], seed: 102), [2, 0, 1, 2]),
    ]

    @Test func booksUpdaterOnSummedLossEqualsOptimizerStepOnMeanLoss() {
        let start = MLPParameters.initialize(inputs: 6, hiddens: [5], outputs: 3, scale: 0.5, seed: 1)
        let (lr, batchSize): (Float, Int) = (0.1, 4)

        let book = MLPVariables(start)
        let torchStyle = MLPVariables(start)
        let optimizer = SGD(torchStyle.all, lr: lr)
        for epoch in 0..<3 {
            for (x, y) in Self.batches {
                // d2l from scratch: l = loss(net(X), y) (reduction none); l.sum().backward(); sgd(...)
                crossEntropy(net(x, book), y, reduction: .none).sum().backward()
                sgd(book.all, lr: lr, batchSize: batchSize)
                // torch.optim style: zero_grad(); l.mean().backward(); step()
                optimizer.zeroGrad()
                crossEntropy(net(x, torchStyle), y, reduction: .mean).backward()
                optimizer.step()
            }
            for (a, b) in zip(book.all, torchStyle.all) {
                #expect(a.value.maxAbsDifference(b.value) < 1e-6, "epoch \(epoch)")
            }
        }
        #expect(book.parameters != start)   // they did move
        #expect(book.all.allSatisfy { $0.grad!.scalars.allSatisfy { $0 == 0 } })  // sgd zeroes grads
    }

    @Test func sgdStepIsParamMinusLrTimesGradOverBatchSize() {
        let w = Variable(Tensor([1, -2]), requiresGrad: true)
        (w * Variable(Tensor([4, 8]))).sum().backward()
        sgd([w], lr: 0.5, batchSize: 2)
        #expect(w.value == Tensor([1 - 0.5 * 4 / 2, -2 - 0.5 * 8 / 2]))
        #expect(w.grad == Tensor([0, 0]))
    }

    @Test func descentLowersTheLoss() {
        let params = MLPVariables(MLPParameters.initialize(inputs: 6, hiddens: [8], outputs: 3, scale: 0.3, seed: 2))
        func totalLoss() -> Float {
            Self.batches.reduce(0) { $0 + crossEntropy(net($1.0, params), $1.1, reduction: .mean).value.scalar }
        }
        let before = totalLoss()
        let optimizer = SGD(params.all, lr: 0.3)
        for _ in 0..<30 {
            for (x, y) in Self.batches {
                optimizer.zeroGrad()
                crossEntropy(net(x, params), y, reduction: .mean).backward()
                optimizer.step()
            }
        }
        #expect(totalLoss() < 0.5 * before)
    }
}
