/// Rows of a batch taken from images kept as bytes: rows `start ..< start + count` of `order`
/// (or of the file order when `order` is nil).
struct ByteBatch {
    var images: UnsafePointer<UInt8>
    var labels: UnsafePointer<UInt8>
    var order: UnsafePointer<Int>?
    var start: Int
    var count: Int

    @inline(__always) func example(_ row: Int) -> Int { order?[start + row] ?? (start + row) }
}

/// The chapter's MLP with a hand-written forward and backward pass on buffers allocated once.
///
/// One training step is two parallel phases on a `WorkerPool`, each cut into chunks that the
/// workers take as they become free:
/// 1. rows: a chunk is a block of the batch's rows, and gets everything that is local to a row:
///    bytes → floats, every layer's X·W (sgemm) with fused bias + relu, the fused softmax
///    cross-entropy and its gradient, and the backward products dZ·Wᵀ with the relu mask;
/// 2. weights: a chunk is a block of every weight matrix's rows, updated by
///    W ← W − (lr / n)·Xᵀ·dZ in one sgemm (the transpose read in place, beta = 1, so no
///    gradient buffer), and likewise a block of every bias's columns.
/// Nothing is allocated per batch. Which worker takes which chunk changes no result. The number
/// of workers (through the chunk sizes) changes results only in the last bit, and not at all on
/// D2L's own kernel (`BLAS.kernel`), whose sums do not depend on the block of rows.
final class FastMLP {
    /// Layer widths: inputs, hidden layers…, outputs.
    let sizes: [Int]
    /// The most rows a batch may have.
    let capacity: Int
    var layerCount: Int { sizes.count - 1 }

    /// W of layer l: sizes[l] × sizes[l + 1], row-major; b of layer l: sizes[l + 1].
    private(set) var weights: [UnsafeMutablePointer<Float>] = []
    private(set) var biases: [UnsafeMutablePointer<Float>] = []
    /// The batch as floats: capacity × sizes[0].
    private let input: UnsafeMutablePointer<Float>
    private let labels: UnsafeMutablePointer<Int32>
    /// Layer l's output (hidden activations in the signed-zero code; logits for the last layer,
    /// then overwritten by their gradient).
    private var outputs: [UnsafeMutablePointer<Float>] = []
    /// ∂loss/∂z of each hidden layer.
    private var hiddenGradients: [UnsafeMutablePointer<Float>] = []
    /// Column sums of a layer's ∂loss/∂z (the bias gradient of the summed loss).
    private var biasSums: [UnsafeMutablePointer<Float>] = []
    private let rowLoss: UnsafeMutablePointer<Float>
    private let rowCorrect: UnsafeMutablePointer<Bool>
    private var allocations: [UnsafeMutableRawPointer] = []
    private let pool: WorkerPool
    var workers: Int { pool.count }

    /// What the pool's workers do when `pool.run(self)` calls `run(worker:)`.
    private enum Phase {
        case idle
        case rows(ByteBatch, backward: Bool, chunks: Int)
        case weights(rows: Int, mode: Mode)
    }
    /// Chunks of each phase: two per worker, so that a paused worker holds up at most a quarter of
    /// a phase (with two workers) while the others take the rest; one when there is one worker.
    private let chunks: Int
    private var phase = Phase.idle
    /// Whether this step's products are single-threaded calls (several workers, or a BLAS held to
    /// one thread), which `BLAS.kernel` may then take.
    private var onCallingThread = false

    init(sizes: [Int], capacity: Int, workers: Int) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 } && capacity > 0, "bad network shape \(sizes)")
        self.sizes = sizes
        self.capacity = capacity
        var allocations: [UnsafeMutableRawPointer] = []
        func buffer<T>(_ count: Int, of: T.Type) -> UnsafeMutablePointer<T> {
            // 64-byte alignment: whole cache lines, and the BLAS's vector loads stay aligned.
            let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<T>.stride, alignment: 64)
            allocations.append(raw)
            return raw.bindMemory(to: T.self, capacity: count)
        }
        input = buffer(capacity * sizes[0], of: Float.self)
        labels = buffer(capacity, of: Int32.self)
        rowLoss = buffer(capacity, of: Float.self)
        rowCorrect = buffer(capacity, of: Bool.self)
        for l in 0..<sizes.count - 1 {
            weights.append(buffer(sizes[l] * sizes[l + 1], of: Float.self))
            biases.append(buffer(sizes[l + 1], of: Float.self))
            outputs.append(buffer(capacity * sizes[l + 1], of: Float.self))
            biasSums.append(buffer(sizes[l + 1], of: Float.self))
            if l < sizes.count - 2 { hiddenGradients.append(buffer(capacity * sizes[l + 1], of: Float.self)) }
        }
        self.allocations = allocations
        pool = WorkerPool(count: workers)
        chunks = workers == 1 ? 1 : 2 * workers
    }

    deinit {
        pool.shutdown()
        for raw in allocations { raw.deallocate() }
    }

    // MARK: parameters

    /// Copies in the weights (row-major [fanIn × fanOut] per layer) and biases.
    func setParameters(weights w: [[Float]], biases b: [[Float]]) {
        precondition(w.count == layerCount && b.count == layerCount, "need \(layerCount) layers")
        for l in 0..<layerCount {
            precondition(w[l].count == sizes[l] * sizes[l + 1] && b[l].count == sizes[l + 1], "layer \(l + 1) has the wrong size")
            w[l].withUnsafeBufferPointer { weights[l].update(from: $0.baseAddress!, count: $0.count) }
            b[l].withUnsafeBufferPointer { biases[l].update(from: $0.baseAddress!, count: $0.count) }
        }
    }

    /// The current weights and biases, as `setParameters` takes them.
    func parameters() -> (weights: [[Float]], biases: [[Float]]) {
        ((0..<layerCount).map { Array(UnsafeBufferPointer(start: weights[$0], count: sizes[$0] * sizes[$0 + 1])) },
         (0..<layerCount).map { Array(UnsafeBufferPointer(start: biases[$0], count: sizes[$0 + 1])) })
    }

    // MARK: steps

    /// What a step does after the forward pass.
    enum Mode {
        /// Forward only (loss and accuracy).
        case evaluate
        /// One SGD step on the summed loss: W ← W − lr · ∂(Σ loss)/∂W / rows (the book's `sgd`).
        case train(lr: Float)
        /// The gradients of the summed loss, written to `gradients(…)` buffers; parameters unchanged.
        case gradients(weights: [UnsafeMutablePointer<Float>], biases: [UnsafeMutablePointer<Float>])
    }

    /// The summed loss and the number of correct predictions of one batch (before any update).
    struct BatchResult { var lossSum: Double; var correct: Int }

    /// Runs one batch through the network in `mode`.
    func step(_ batch: ByteBatch, mode: Mode) -> BatchResult {
        let n = batch.count
        precondition(n > 0 && n <= capacity, "batch of \(n) rows, capacity \(capacity)")
        let backward: Bool
        if case .evaluate = mode { backward = false } else { backward = true }
        let rowChunks = max(1, min(chunks, n / 16))  // a short last batch: at least 16 rows a chunk
        onCallingThread = workers > 1 || BLASThreads.count == 1
        phase = .rows(batch, backward: backward, chunks: rowChunks)
        pool.run(self, chunks: rowChunks)
        if backward {
            phase = .weights(rows: n, mode: mode)
            pool.run(self, chunks: chunks)
        }
        phase = .idle
        var lossSum = 0.0, correct = 0
        for r in 0..<n {  // in row order: the same sum whatever the number of workers
            lossSum += Double(rowLoss[r])
            if rowCorrect[r] { correct += 1 }
        }
        return BatchResult(lossSum: lossSum, correct: correct)
    }

    /// The logits of the last `step` (valid after `.evaluate`): row r, class j at [r * classes + j].
    func logits(row: Int) -> UnsafeBufferPointer<Float> {
        let classes = sizes[layerCount]
        return UnsafeBufferPointer(start: outputs[layerCount - 1] + row * classes, count: classes)
    }

    private func layerInput(_ l: Int) -> UnsafeMutablePointer<Float> { l == 0 ? input : outputs[l - 1] }
    /// ∂loss/∂z of layer l (for the last layer the logits buffer, overwritten by the loss kernel).
    private func layerGradient(_ l: Int) -> UnsafeMutablePointer<Float> {
        l == layerCount - 1 ? outputs[l] : hiddenGradients[l]
    }

    /// Phase 1 on rows `rows` of the batch.
    private func rowPhase(_ batch: ByteBatch, rows: Range<Int>, backward: Bool) {
        let r0 = rows.lowerBound, n = rows.count
        let pixels = sizes[0]
        for r in rows { labels[r] = Int32(batch.labels[batch.example(r)]) }
        var r = r0
        while r + 4 <= rows.upperBound {
            FastMLPKernels.scaleBytes(rows: batch.images + batch.example(r) * pixels,
                                      batch.images + batch.example(r + 1) * pixels,
                                      batch.images + batch.example(r + 2) * pixels,
                                      batch.images + batch.example(r + 3) * pixels, input + r * pixels, count: pixels)
            r += 4
        }
        for r in r..<rows.upperBound {
            FastMLPKernels.scaleBytes(batch.images + batch.example(r) * pixels, input + r * pixels, count: pixels)
        }
        for l in 0..<layerCount {
            let fanIn = sizes[l], fanOut = sizes[l + 1]
            let out = outputs[l] + r0 * fanOut
            BLAS.sgemm(transposeA: false, transposeB: false, m: n, n: fanOut, k: fanIn,
                       a: layerInput(l) + r0 * fanIn, lda: fanIn, b: weights[l], ldb: fanOut, c: out, ldc: fanOut,
                       onCallingThread: onCallingThread)
            if l < layerCount - 1 {
                FastMLPKernels.addBiasRelu(out, rows: n, cols: fanOut, bias: biases[l])
            } else {
                FastMLPKernels.addBias(out, rows: n, cols: fanOut, bias: biases[l])
            }
        }
        FastMLPKernels.softmaxCrossEntropy(outputs[layerCount - 1] + r0 * sizes[layerCount], rows: n,
                                           classes: sizes[layerCount], labels: labels + r0, loss: rowLoss + r0,
                                           correct: rowCorrect + r0, withGradient: backward)
        guard backward else { return }
        for l in stride(from: layerCount - 1, to: 0, by: -1) {
            // ∂loss/∂a of layer l − 1 = dZ_l · W_lᵀ, then through that layer's relu.
            let fanIn = sizes[l], fanOut = sizes[l + 1]
            let target = hiddenGradients[l - 1] + r0 * fanIn
            BLAS.sgemm(transposeA: false, transposeB: true, m: n, n: fanIn, k: fanOut,
                       a: layerGradient(l) + r0 * fanOut, lda: fanOut, b: weights[l], ldb: fanOut, c: target, ldc: fanIn,
                       onCallingThread: onCallingThread)
            FastMLPKernels.reluBackward(target, activations: outputs[l - 1] + r0 * fanIn, count: n * fanIn)
        }
    }

    /// Phase 2: chunk `chunk`'s block of every layer's weight rows and bias columns.
    private func weightPhase(rows n: Int, chunk: Int, mode: Mode) {
        for l in 0..<layerCount {
            let fanIn = sizes[l], fanOut = sizes[l + 1]
            let block = share(fanIn, part: chunk, of: chunks)
            let columns = share(fanOut, part: chunk, of: chunks)
            let alpha: Float, beta: Float, w: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>
            switch mode {
            case .train(let lr): (alpha, beta, w, b) = (-lr / Float(n), 1, weights[l], biases[l])
            case .gradients(let gw, let gb): (alpha, beta, w, b) = (1, 0, gw[l], gb[l])
            case .evaluate: return
            }
            // Rows `block` of Xᵀ·dZ: Xᵀ is read in place (transA), starting at column block.lowerBound of X.
            if !block.isEmpty {
                BLAS.sgemm(transposeA: true, transposeB: false, m: block.count, n: fanOut, k: n, alpha: alpha,
                           a: layerInput(l) + block.lowerBound, lda: fanIn, b: layerGradient(l), ldb: fanOut,
                           beta: beta, c: w + block.lowerBound * fanOut, ldc: fanOut, onCallingThread: onCallingThread)
            }
            if !columns.isEmpty {
                FastMLPKernels.columnSums(layerGradient(l), rows: n, cols: fanOut, columns: columns, into: biasSums[l])
                for j in columns { b[j] = (beta == 0 ? 0 : b[j]) + alpha * biasSums[l][j] }
            }
        }
    }
}

extension FastMLP: PoolJob {
    /// One chunk of the current phase (called on any worker).
    func run(chunk: Int) {
        switch phase {
        case .idle:
            break
        case let .rows(batch, backward, chunks):
            let rows = share(batch.count, part: chunk, of: chunks)
            if !rows.isEmpty { rowPhase(batch, rows: rows, backward: backward) }
        case let .weights(n, mode):
            weightPhase(rows: n, chunk: chunk, mode: mode)
        }
    }
}

/// Part `part` of 0..<total split into `count` nearly equal blocks.
@inline(__always)
func share(_ total: Int, part: Int, of count: Int) -> Range<Int> {
    (total * part / count)..<(total * (part + 1) / count)
}
