import Testing
@testable import D2L

/// The fast path's hand-written backward pass against lib-core's autodiff (`Variable`).
@Suite struct FastVersusAutodiffTests {
    let data = SyntheticFashion.make(train: 64, test: 1, seed: 11)

    /// The first `n` training examples as the autodiff sees them.
    func batch(_ n: Int) -> (x: Tensor, y: [Int]) {
        (Tensor(shape: [n, 784], scalars: data.trainImages.prefix(n * 784).map { Float($0) / 255 }),
         data.trainLabels.prefix(n).map(Int.init))
    }

    func fastStep(_ model: FastMLP, rows: Int, mode: FastMLP.Mode) -> FastMLP.BatchResult {
        data.trainImages.withUnsafeBufferPointer { img in
            data.trainLabels.withUnsafeBufferPointer { lab in
                model.step(ByteBatch(images: img.baseAddress!, labels: lab.baseAddress!, order: nil, start: 0, count: rows),
                           mode: mode)
            }
        }
    }

    @Test(arguments: [[256], [64, 32]])
    func gradientsMatchAutodiff(hiddens: [Int]) {
        let params = MLPParameters.initialize(hiddens: hiddens, seed: 4)
        let model = FastTrainer(params, batchSize: 64, workers: 2).model
        let sizes = model.sizes
        let gw = (0..<model.layerCount).map { UnsafeMutablePointer<Float>.allocate(capacity: sizes[$0] * sizes[$0 + 1]) }
        let gb = (0..<model.layerCount).map { UnsafeMutablePointer<Float>.allocate(capacity: sizes[$0 + 1]) }
        defer { for p in gw + gb { p.deallocate() } }
        let fast = fastStep(model, rows: 64, mode: .gradients(weights: gw, biases: gb))

        let variables = MLPVariables(params)
        let (x, y) = batch(64)
        let loss = crossEntropy(net(x, variables), y, reduction: .sum)
        loss.backward()
        #expect(abs(fast.lossSum - Double(loss.value.scalar)) < 1e-3)  // a sum of 64 losses near 2.3
        for l in 0..<model.layerCount {
            let expectedW = variables.weights[l].grad!, expectedB = variables.biases[l].grad!
            let gotW = Tensor(shape: expectedW.shape, scalars: Array(UnsafeBufferPointer(start: gw[l], count: expectedW.count)))
            let gotB = Tensor(shape: expectedB.shape, scalars: Array(UnsafeBufferPointer(start: gb[l], count: expectedB.count)))
            // Gradients of the summed loss over 64 examples: compare relative to their size.
            let scaleW = max(1, expectedW.scalars.map(abs).max()!), scaleB = max(1, expectedB.scalars.map(abs).max()!)
            #expect(gotW.maxAbsDifference(expectedW) / scaleW < 1e-5, "layer \(l + 1) weights")
            #expect(gotB.maxAbsDifference(expectedB) / scaleB < 1e-5, "layer \(l + 1) biases")
        }
    }

    @Test func oneFastStepEqualsAutodiffAndSGD() {
        let params = MLPParameters.initialize(seed: 2)
        let model = FastTrainer(params, batchSize: 64, workers: 2).model
        _ = fastStep(model, rows: 50, mode: .train(lr: 0.1))
        let (w, b) = model.parameters()

        let variables = MLPVariables(params)
        let (x, y) = batch(50)
        crossEntropy(net(x, variables), y).sum().backward()
        sgd(variables.all, lr: 0.1, batchSize: 50)
        for l in 0..<2 {
            #expect(Tensor(shape: variables.weights[l].shape, scalars: w[l]).maxAbsDifference(variables.weights[l].value) < 1e-5)
            #expect(Tensor(b[l]).maxAbsDifference(variables.biases[l].value) < 1e-5)
        }
    }
}
