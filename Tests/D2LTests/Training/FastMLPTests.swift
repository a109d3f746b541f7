import Testing
@testable import D2L

@Suite struct FastMLPTests {
    /// Bytes whose floats (b / 255) make an input batch.
    let images: [UInt8] = (0..<7 * 784).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 11) }
    let labels: [UInt8] = [3, 1, 4, 1, 5, 9, 2]

    var x: Tensor { Tensor(shape: [7, 784], scalars: images.map { Float($0) / 255 }) }

    func run(_ model: FastMLP, mode: FastMLP.Mode) -> FastMLP.BatchResult {
        images.withUnsafeBufferPointer { img in
            labels.withUnsafeBufferPointer { lab in
                model.step(ByteBatch(images: img.baseAddress!, labels: lab.baseAddress!, order: nil, start: 0, count: 7), mode: mode)
            }
        }
    }

    @Test(arguments: [[256], [30, 20]])
    func forwardMatchesNetAndCrossEntropy(hiddens: [Int]) {
        let params = MLPParameters.initialize(hiddens: hiddens, scale: 0.1, seed: 5)
        let model = FastTrainer(params, batchSize: 8, workers: 2).model
        let result = run(model, mode: .evaluate)
        let logits = net(x, params)
        for r in 0..<7 {
            for j in 0..<10 { #expect(abs(model.logits(row: r)[j] - logits.scalars[r * 10 + j]) < 1e-5) }
        }
        let losses = crossEntropy(logits, labels.map(Int.init), reduction: .none)
        #expect(abs(result.lossSum - Double(losses.scalars.reduce(0, +))) < 1e-4)
        let correct = zip(logits.argmax(axis: 1), labels).filter { $0 == Int($1) }.count
        #expect(result.correct == correct)
    }

    @Test func anSGDStepIsTheGradientStep() {
        // W ← W − lr · g / n with g the gradient of the summed loss, from the gradient mode.
        let params = MLPParameters.initialize(hiddens: [16], scale: 0.1, seed: 9)
        let model = FastTrainer(params, batchSize: 8, workers: 2).model
        let (gw, gb) = gradientBuffers(model)
        _ = run(model, mode: .gradients(weights: gw, biases: gb))
        _ = run(model, mode: .train(lr: 0.5))
        let (w, b) = model.parameters()
        for l in 0..<2 {
            for i in 0..<w[l].count {
                #expect(abs(w[l][i] - (params.weights[l].scalars[i] - 0.5 * gw[l][i] / 7)) < 1e-6)
            }
            for i in 0..<b[l].count {
                #expect(abs(b[l][i] - (params.biases[l].scalars[i] - 0.5 * gb[l][i] / 7)) < 1e-6)
            }
        }
        for p in gw + gb { p.deallocate() }
    }

    @Test func aReluTieHasGradientOneHalf() {
        // An all-black image with zero biases makes every hidden pre-activation exactly 0.
        let params = MLPParameters.initialize(hiddens: [4], scale: 0.1, seed: 1)
        let model = FastMLP(sizes: [784, 4, 10], capacity: 1, workers: 1)
        model.setParameters(weights: params.weights.map(\.scalars), biases: params.biases.map(\.scalars))
        var bias1 = [Float](repeating: 0, count: 4)
        bias1[0] = 0
        let black = [UInt8](repeating: 0, count: 784), label: [UInt8] = [2]
        let (gw, gb) = gradientBuffers(model)
        black.withUnsafeBufferPointer { img in
            label.withUnsafeBufferPointer { lab in
                _ = model.step(ByteBatch(images: img.baseAddress!, labels: lab.baseAddress!, order: nil, start: 0, count: 1),
                               mode: .gradients(weights: gw, biases: gb))
            }
        }
        // db1 = (dZ2 · W2ᵀ) · ½ at the tie; dZ2 = softmax(b2 = 0) − onehot = 0.1 − [j == 2].
        let w2 = params.weights[1].scalars
        for i in 0..<4 {
            var upstream: Float = 0
            for j in 0..<10 { upstream += (0.1 - (j == 2 ? 1 : 0)) * w2[i * 10 + j] }
            #expect(abs(gb[0][i] - 0.5 * upstream) < 1e-6)
        }
        for p in gw + gb { p.deallocate() }
    }

    @Test(arguments: [784, 37, 5])
    func fourRowsAtOnceScaleLikeOneAtATime(count: Int) {
        let bytes: [UInt8] = (0..<4 * count).map { UInt8(truncatingIfNeeded: $0 * 91 + 7) }
        var fourAtOnce = [Float](repeating: -1, count: 4 * count), oneAtATime = fourAtOnce
        bytes.withUnsafeBufferPointer { b in
            let rows = (0..<4).map { b.baseAddress! + (3 - $0) * count }  // rows out of order, as a shuffle gives them
            fourAtOnce.withUnsafeMutableBufferPointer {
                FastMLPKernels.scaleBytes(rows: rows[0], rows[1], rows[2], rows[3], $0.baseAddress!, count: count)
            }
            oneAtATime.withUnsafeMutableBufferPointer { t in
                for r in 0..<4 { FastMLPKernels.scaleBytes(rows[r], t.baseAddress! + r * count, count: count) }
            }
        }
        #expect(fourAtOnce == oneAtATime)
        #expect(oneAtATime[0] == Float(bytes[3 * count]) / 255)
    }

    func gradientBuffers(_ model: FastMLP) -> ([UnsafeMutablePointer<Float>], [UnsafeMutablePointer<Float>]) {
        let s = model.sizes
        return ((0..<model.layerCount).map { .allocate(capacity: s[$0] * s[$0 + 1]) },
                (0..<model.layerCount).map { .allocate(capacity: s[$0 + 1]) })
    }
}
