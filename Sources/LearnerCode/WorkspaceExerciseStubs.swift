/// The exercise files of a fresh workspace: one stub per function the learner writes, each
/// with what to do in English and Chinese. The untouched stubs call `todo()`, which the
/// tutor recognises ("relu is not written yet") and `tutor verify --blank` relies on.
/// Reference solutions are kept in the tests' fixtures, never here.
enum WorkspaceExerciseStubs {
    static let todoSwift = #"""
// Support for the stubs: do not edit. 存根的辅助代码：请勿修改。
import Foundation

/// Marks a function you have not written yet; the tutor says so instead of "wrong".
/// 标记尚未完成的函数；教程会提示"尚未完成"，而不是"答案错误"。
public func todo(_ function: String = #function) -> Never {
    let name = function.split(separator: "(").first.map(String.init) ?? function
    FileHandle.standardError.write("TUTOR-TODO: \(name)\n".data(using: .utf8)!)
    exit(3)
}
"""#

    static let reluSwift = #"""
import D2L

// Exercise: relu · 练习：relu                 check with: tutor check relu-code
//
// EN: Return a tensor of the same shape as X in which every element x becomes max(x, 0):
//     negatives become 0, the rest stays. Work on X.scalars (row-major Floats) or use X.map.
// 中文：返回与 X 形状相同的张量，每个元素 x 变为 max(x, 0)：负数变成 0，其余不变。
//     可以直接处理 X.scalars（按行优先存放的 Float），或使用 X.map。
public func relu(_ X: Tensor) -> Tensor {
    todo()
}
"""#

    static let netSwift = #"""
import D2L

// Exercise: net · 练习：net                   check with: tutor check net-code
//
// EN: The multilayer perceptron of section 4.2. params.weights = [W1, W2, …] and
//     params.biases = [b1, b2, …]; W1 has shape [inputs, hiddens], b1 shape [hiddens].
//     1. Reshape X to [-1, inputs] (inputs = params.weights[0].shape[0]); images come as [n, 1, 28, 28].
//     2. For every layer but the last: H = relu(H · W + b)   (use your relu, matmul, and + for the bias row)
//     3. The last layer is linear: O = H · W + b. Return O, shape [n, outputs].
// 中文：4.2 节的多层感知机。params.weights = [W1, W2, …]，params.biases = [b1, b2, …]；
//     W1 形状为 [inputs, hiddens]，b1 形状为 [hiddens]。
//     1. 把 X 变形为 [-1, inputs]（inputs = params.weights[0].shape[0]）；图像以 [n, 1, 28, 28] 传入。
//     2. 除最后一层外的每一层：H = relu(H · W + b)（用你的 relu、matmul，以及 + 加上偏置行）
//     3. 最后一层是线性的：O = H · W + b。返回形状为 [n, outputs] 的 O。
public func net(_ X: Tensor, _ params: MLPParameters) -> Tensor {
    todo()
}
"""#

    static let lossSwift = #"""
import D2L

// Exercise: loss (softmax cross-entropy) · 练习：loss（softmax 交叉熵）   check with: tutor check loss-code
//
// EN: yHat holds logits, shape [n, q]; y holds n labels in 0..<q. Return a tensor of shape [n]
//     with loss_i = −log softmax(yHat_i)[y_i]. Make it stable: subtract each row's maximum m_i
//     first, loss_i = m_i − yHat_i,y_i + log Σ_j exp(yHat_ij − m_i), so logits of ±1000 give
//     finite numbers instead of inf or NaN.
// 中文：yHat 是形状为 [n, q] 的 logits；y 是 n 个取值在 0..<q 的标签。返回形状为 [n] 的张量，
//     loss_i = −log softmax(yHat_i)[y_i]。要数值稳定：先减去每行的最大值 m_i，
//     loss_i = m_i − yHat_i,y_i + log Σ_j exp(yHat_ij − m_i)，这样 ±1000 的 logits 也得到有限值，
//     而不是 inf 或 NaN。
public func loss(_ yHat: Tensor, _ y: [Int]) -> Tensor {
    todo()
}
"""#

    static let sgdSwift = #"""
import D2L

// Exercise: sgd · 练习：sgd                   check with: tutor check sgd-code
//
// EN: Minibatch stochastic gradient descent, the book's updater: for every parameter p with
//     gradient g (same shape), p ← p − lr · g / batchSize. Change params in place.
// 中文：小批量随机梯度下降（书中的 updater）：对每个参数 p 及其同形状的梯度 g，
//     p ← p − lr · g / batchSize。直接修改 params。
public func sgd(_ params: inout [Tensor], _ grads: [Tensor], lr: Float, batchSize: Int) {
    todo()
}
"""#

    static let trainSwift = #"""
import D2L

// Exercise: train · 练习：train               check with: tutor check train-code
//
// EN: Train params for `epochs` passes over the training set (the book's train_ch3), using your
//     net, loss and sgd. Per epoch, per shuffled minibatch (X, y):
//         let (_, grads) = gradients(params, X, y)          // backward pass of the summed loss (given, like autograd)
//         sgd(&p, g, lr: lr, batchSize: X.shape[0])       // with p = weights + biases, g = grads' weights + biases
//     then write the updated tensors back into params. Minibatches come from
//         DataLoader(images: data.trainImages, labels: data.trainLabels, batchSize: batchSize, shuffle: true, seed: seed)
//     (`for (X, y) in loader` is one epoch). Optionally print the mean loss per epoch with your loss.
//     The tutor then measures the test accuracy: it must be close to the library's own train.
// 中文：用你的 net、loss 和 sgd 训练 params 共 epochs 轮（书中的 train_ch3）。每一轮对每个打乱的小批量 (X, y)：
//         let (_, grads) = gradients(params, X, y)          // 求和损失的反向传播（已给出，相当于 autograd）
//         sgd(&p, g, lr: lr, batchSize: X.shape[0])       // p = 权重 + 偏置，g = grads 的权重 + 偏置
//     再把更新后的张量写回 params。小批量来自
//         DataLoader(images: data.trainImages, labels: data.trainLabels, batchSize: batchSize, shuffle: true, seed: seed)
//     （`for (X, y) in loader` 就是一轮）。也可以用你的 loss 打印每轮的平均损失。
//     之后教程会测量测试准确率，它应当接近库自带 train 的结果。
public func train(_ params: inout MLPParameters, data: FashionMNIST,
                  epochs: Int, lr: Float, batchSize: Int, seed: UInt64) {
    todo()
}
"""#

    static let gradientsSwift = #"""
// The backward pass, given (the book uses autograd here): do not edit.
// 反向传播（书中由 autograd 完成）：已给出，请勿修改。
import D2L

/// The summed loss of the network on (X, y), by your `loss`, and the gradient of the summed
/// softmax cross-entropy with respect to every weight and bias (the same shapes as params).
/// 网络在 (X, y) 上的损失之和（用你的 `loss` 计算），以及 softmax 交叉熵之和对每个权重和偏置的梯度（形状与 params 相同）。
public func gradients(_ params: MLPParameters, _ X: Tensor, _ y: [Int]) -> (loss: Float, grads: MLPParameters) {
    let inputs = params.weights[0].shape[0]
    var activations = [Tensor(shape: [X.count / inputs, inputs], scalars: X.scalars)]
    var preactivations: [Tensor] = []
    for layer in params.weights.indices {
        let z = linear(activations[layer], params.weights[layer], params.biases[layer])
        preactivations.append(z)
        if layer < params.weights.count - 1 { activations.append(z.map { Swift.max($0, 0) }) }
    }
    // d(summed cross-entropy)/d(logits) = softmax(logits) − one-hot(y).
    let logits = preactivations.last!
    let classes = logits.shape[1]
    var outputGradient = softmax(logits).scalars
    for (row, label) in y.enumerated() { outputGradient[row * classes + label] -= 1 }
    var dz = Tensor(shape: logits.shape, scalars: outputGradient)
    var weightGrads = params.weights, biasGrads = params.biases
    for layer in params.weights.indices.reversed() {
        weightGrads[layer] = matmul(activations[layer], dz, transposeA: true)
        biasGrads[layer] = dz.sum(axis: 0)
        if layer > 0 {
            let dh = matmul(dz, params.weights[layer], transposeB: true)
            let z = preactivations[layer - 1]
            dz = Tensor(shape: dh.shape, scalars: zip(dh.scalars, z.scalars).map { $1 > 0 ? $0 : 0 })
        }
    }
    return (loss(logits, y).sum().scalar, MLPParameters(weights: weightGrads, biases: biasGrads))
}
"""#
}
