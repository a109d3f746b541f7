import D2L

public func train(_ params: inout MLPParameters, data: FashionMNIST,
                  epochs: Int, lr: Float, batchSize: Int, seed: UInt64) {
    let loader = DataLoader(images: data.trainImages, labels: data.trainLabels,
                            batchSize: batchSize, shuffle: true, seed: seed)
    let layers = params.weights.count
    for _ in 0..<epochs {
        for (X, y) in loader {
            let (_, grads) = gradients(params, X, y)
            var p = params.weights + params.biases
            sgd(&p, grads.weights + grads.biases, lr: lr, batchSize: X.shape[0])
            params = MLPParameters(weights: Array(p[0..<layers]), biases: Array(p[layers...]))
        }
    }
}
