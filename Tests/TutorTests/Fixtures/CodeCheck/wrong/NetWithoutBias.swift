import D2L

// Wrong on purpose: the biases are never added.
public func net(_ X: Tensor, _ params: MLPParameters) -> Tensor {
    let inputs = params.weights[0].shape[0]
    var H = Tensor(shape: [X.count / inputs, inputs], scalars: X.scalars)
    for layer in params.weights.indices {
        H = matmul(H, params.weights[layer])
        if layer < params.weights.count - 1 { H = relu(H) }
    }
    return H
}
