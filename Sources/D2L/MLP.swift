/// The parameters of the chapter's multilayer perceptron: one weight matrix and one bias
/// vector per layer (W1, W2, …; b1, b2, …), any number of hidden layers of any width.
public struct MLPParameters: Sendable, Equatable, Codable {
    /// W1 [inputs, hidden1], W2 [hidden1, hidden2], …, the last [hiddenN, outputs].
    public var weights: [Tensor]
    /// b1 [hidden1], …, the last [outputs].
    public var biases: [Tensor]

    public init(weights: [Tensor], biases: [Tensor]) {
        precondition(!weights.isEmpty && weights.count == biases.count,
                     "MLPParameters needs one bias per weight matrix, got \(weights.count) and \(biases.count)")
        for (i, (w, b)) in zip(weights, biases).enumerated() {
            precondition(w.rank == 2 && b.shape == [w.shape[1]],
                         "layer \(i + 1): weight \(w.shape) and bias \(b.shape) do not fit")
            if i > 0 {
                precondition(weights[i - 1].shape[1] == w.shape[0],
                             "layer \(i + 1): weight \(w.shape) does not follow \(weights[i - 1].shape)")
            }
        }
        self.weights = weights
        self.biases = biases
    }

    /// The book's initialisation: every W = randn × `scale`, every b = 0. All weights come from
    /// one `SeededRNG(seed:)` stream, W1 first, so the same seed gives the same network.
    public static func initialize(inputs: Int = 784, hiddens: [Int] = [256], outputs: Int = 10,
                                  scale: Float = 0.01, seed: UInt64 = 0) -> MLPParameters {
        var rng = SeededRNG(seed: seed)
        let sizes = [inputs] + hiddens + [outputs]
        var weights: [Tensor] = []
        var biases: [Tensor] = []
        for (fanIn, fanOut) in zip(sizes, sizes.dropFirst()) {
            weights.append(Tensor.randn([fanIn, fanOut], rng: &rng) * scale)
            biases.append(Tensor.zeros([fanOut]))
        }
        return MLPParameters(weights: weights, biases: biases)
    }

    private enum CodingKeys: String, CodingKey { case weights, biases }

    /// Decodes and checks that the layers fit together (a corrupt cache is an error, not a crash).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let weights = try container.decode([Tensor].self, forKey: .weights)
        let biases = try container.decode([Tensor].self, forKey: .biases)
        var fits = !weights.isEmpty && weights.count == biases.count
        for i in weights.indices where fits {
            fits = weights[i].rank == 2 && biases[i].shape == [weights[i].shape[1]]
                && (i == 0 || weights[i - 1].shape[1] == weights[i].shape[0])
        }
        guard fits else {
            throw DecodingError.dataCorruptedError(
                forKey: .weights, in: container,
                debugDescription: "the weight shapes \(weights.map(\.shape)) and bias shapes \(biases.map(\.shape)) do not form a network")
        }
        self.init(weights: weights, biases: biases)
    }

    /// The number of inputs per example (784 for Fashion-MNIST).
    public var inputs: Int { weights[0].shape[0] }
    /// The widths of the hidden layers.
    public var hiddens: [Int] { weights.dropLast().map { $0.shape[1] } }
    /// The number of outputs (classes).
    public var outputs: Int { weights[weights.count - 1].shape[1] }

    /// The number of learnable numbers: 784·256 + 256 + 256·10 + 10 = 203,530 for the chapter's net.
    public var parameterCount: Int {
        zip(weights, biases).reduce(0) { $0 + $1.0.count + $1.1.count }
    }
}

/// X·W + b with the bias row added to every row, in one BLAS call (the bias is written first,
/// then sgemm adds the product onto it).
public func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
    precondition(x.rank == 2 && w.rank == 2 && b.shape == [w.shape[1]],
                 "linear: shapes \(x.shape) · \(w.shape) + \(b.shape) do not fit")
    let (rows, cols) = (x.shape[0], w.shape[1])
    var result = b.scalars.withUnsafeBufferPointer { bias in
        Tensor(shape: [rows, cols]) { out in
            for r in 0..<rows {
                (out.baseAddress! + r * cols).update(from: bias.baseAddress!, count: cols)
            }
        }
    }
    matmul(x, w, into: &result, accumulate: true)
    return result
}

/// The chapter's network: H = relu(X.reshape(-1, inputs)·W1 + b1), …, output = H·Wn + bn.
/// `X` may be [batch, 784] or images [batch, 1, 28, 28]; the result is [batch, outputs] logits.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func net(_ X: Tensor, _ params: MLPParameters) -> Tensor {
    precondition(params.inputs > 0 && X.count % params.inputs == 0,
                 "net: an input of shape \(X.shape) cannot be reshaped to [-1, \(params.inputs)]")
    var h = Tensor(shape: [X.count / params.inputs, params.inputs], scalars: X.scalars)
    for layer in 0..<params.weights.count {
        h = linear(h, params.weights[layer], params.biases[layer])
        if layer < params.weights.count - 1 { reluInPlace(&h) }
    }
    return h
}
