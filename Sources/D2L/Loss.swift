#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a per-example loss is reduced, as in PyTorch's `reduction=`.
public enum Reduction: String, CaseIterable, Sendable {
    /// One loss per example (shape [batch]); the book's `CrossEntropyLoss(reduction='none')`.
    case none
    /// The mean over the batch (a scalar).
    case mean
    /// The sum over the batch (a scalar).
    case sum
}

/// Softmax cross-entropy of `logits` ([batch, classes]) against integer `labels`, fused and
/// numerically stable: loss_i = (max_i − x_i,y) + log Σ_j exp(x_ij − max_i). Logits of ±1000
/// give finite, exact values where the naive softmax-then-log gives inf. Matches
/// `torch.nn.functional.cross_entropy(logits, labels, reduction=…)`.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func crossEntropy(_ logits: Tensor, _ labels: [Int], reduction: Reduction = .none) -> Tensor {
    reduceLosses(crossEntropyRows(logits, labels, gradientScale: nil).losses, reduction)
}

/// The loss of `crossEntropy` and its gradient with respect to `logits` in one pass.
///
/// The gradient is that of the reduced loss (for `.none`, of the sum of the per-example losses):
/// (softmax(logits) − onehot(labels)) · scale, scale = 1/batch for `.mean`, 1 otherwise.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func crossEntropyWithGradient(_ logits: Tensor, _ labels: [Int],
                                     reduction: Reduction = .mean) -> (loss: Tensor, gradient: Tensor) {
    let scale: Float = reduction == .mean ? 1 / Float(Swift.max(labels.count, 1)) : 1
    let (losses, gradient) = crossEntropyRows(logits, labels, gradientScale: { _ in scale })
    return (reduceLosses(losses, reduction), gradient!)
}

/// Applies `reduction` to per-example losses.
func reduceLosses(_ losses: Tensor, _ reduction: Reduction) -> Tensor {
    switch reduction {
    case .none: return losses
    case .sum: return losses.sum()
    case .mean: return losses.mean()
    }
}

/// Per-row losses and, when `gradientScale` is given, the gradient
/// (softmax − onehot) · gradientScale(row), in one pass over the logits.
func crossEntropyRows(_ logits: Tensor, _ labels: [Int],
                      gradientScale: ((Int) -> Float)?) -> (losses: Tensor, gradient: Tensor?) {
    precondition(logits.rank == 2, "crossEntropy needs logits of shape [batch, classes], got \(logits.shape)")
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    precondition(labels.count == batch, "crossEntropy: \(batch) rows of logits but \(labels.count) labels")
    for (row, label) in labels.enumerated() where label < 0 || label >= classes {
        preconditionFailure("crossEntropy: label \(label) of row \(row) is outside 0..<\(classes)")
    }
    var losses = [Float](repeating: 0, count: batch)
    var gradient: [Float] = gradientScale == nil ? [] : [Float](repeating: 0, count: batch * classes)
    logits.scalars.withUnsafeBufferPointer { x in
        gradient.withUnsafeMutableBufferPointer { g in
            for r in 0..<batch {
                let row = r * classes
                var top = -Float.infinity
                for j in 0..<classes where x[row + j] > top { top = x[row + j] }
                var total: Float = 0
                if let gradientScale {
                    // exp(x − max) goes straight into the gradient row, scaled below.
                    for j in 0..<classes {
                        let e = expf(x[row + j] - top)
                        g[row + j] = e
                        total += e
                    }
                    let rowScale = gradientScale(r)
                    let scale = rowScale / total
                    for j in 0..<classes { g[row + j] *= scale }
                    g[row + labels[r]] -= rowScale
                } else {
                    for j in 0..<classes { total += expf(x[row + j] - top) }
                }
                losses[r] = (top - x[row + labels[r]]) + logf(total)
            }
        }
    }
    return (Tensor(shape: [batch], scalars: losses),
            gradientScale == nil ? nil : Tensor(shape: logits.shape, scalars: gradient))
}

/// The fused softmax cross-entropy on a Variable of logits: the backward pass is
/// (softmax − onehot) scaled by the incoming gradient (per example for `.none`, 1/batch for `.mean`).
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func crossEntropy(_ logits: Variable, _ labels: [Int], reduction: Reduction = .none) -> Variable {
    let x = logits.value
    let losses = crossEntropyRows(x, labels, gradientScale: nil).losses
    return Variable(value: reduceLosses(losses, reduction), parents: [logits]) { g in
        let scale: (Int) -> Float
        switch reduction {
        case .none: scale = { g.scalars[$0] }
        case .sum: scale = { _ in g.scalar }
        case .mean: scale = { _ in g.scalar / Float(labels.count) }
        }
        return [crossEntropyRows(x, labels, gradientScale: scale).gradient]
    }
}
