/// The book's from-scratch minibatch SGD (d2l `sgd`): param −= lr · grad / batchSize, then the
/// gradient is zeroed. Meant to follow `backward()` on a loss SUMMED over the batch.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func sgd(_ params: [Variable], lr: Float, batchSize: Int) {
    precondition(batchSize > 0, "sgd: batchSize must be positive, got \(batchSize)")
    let step = lr / Float(batchSize)
    for param in params {
        guard let grad = param.grad else { continue }
        descend(param, grad, step)
        param.zeroGrad()
    }
}

/// An optimizer-style SGD, like `torch.optim.SGD`: `zeroGrad()`, compute a MEAN loss,
/// `backward()`, `step()` (param −= lr · grad). With the mean loss it follows the same
/// trajectory as `sgd` after a summed loss.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package final class SGD {
    package let parameters: [Variable]
    package var lr: Float

    package init(_ parameters: [Variable], lr: Float) {
        self.parameters = parameters
        self.lr = lr
    }

    /// One descent step with the current gradients (parameters without a gradient stay put).
    package func step() {
        for param in parameters {
            if let grad = param.grad { descend(param, grad, lr) }
        }
    }

    /// Zeroes every parameter's gradient.
    package func zeroGrad() {
        for param in parameters { param.zeroGrad() }
    }
}

/// param.value −= step · grad, in place.
private func descend(_ param: Variable, _ grad: Tensor, _ step: Float) {
    grad.scalars.withUnsafeBufferPointer { g in
        param.value.scalars.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] -= step * g[i] }
        }
    }
}
