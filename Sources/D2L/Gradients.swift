/// relu's derivative, element by element, as the notes' `torch.max(X, zeros)` backpropagates it:
/// 1 where x > 0, 0 where x < 0 and ½ at exactly 0 (a tie of max splits the gradient evenly).
/// It is the gradient of `relu(X).sum()` with respect to X.
public func reluGradient(_ x: Tensor) -> Tensor {
    x.map { $0 > 0 ? 1 : ($0 == 0 ? 0.5 : 0) }
}

/// The gradients of the network's softmax cross-entropy with respect to every parameter, as
/// PyTorch's `loss.backward()` leaves them in `W1.grad`, `b1.grad`, …: one backward pass through
/// `net(X)` on `labels` with `reduction` (`.none` differentiates the sum of the per-example losses).
/// A parameter the loss does not reach gets a zero gradient.
public func lossGradients(_ params: MLPParameters, _ X: Tensor, _ labels: [Int],
                          reduction: Reduction = .mean) -> MLPParameters {
    let vars = MLPVariables(params)
    let loss = crossEntropy(net(X, vars), labels, reduction: reduction)
    if reduction == .none { loss.sum().backward() } else { loss.backward() }
    func gradient(_ v: Variable) -> Tensor { v.grad ?? Tensor.zeros(v.shape) }
    return MLPParameters(weights: vars.weights.map(gradient), biases: vars.biases.map(gradient))
}
