import D2L

public func sgd(_ params: inout [Tensor], _ grads: [Tensor], lr: Float, batchSize: Int) {
    for i in params.indices {
        params[i] = params[i] - grads[i] * (lr / Float(batchSize))
    }
}
