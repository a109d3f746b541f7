/// The MLP's parameters as Variables that require gradients: what autodiff training updates.
public struct MLPVariables {
    /// W1, W2, … (each requires a gradient).
    public let weights: [Variable]
    /// b1, b2, … (each requires a gradient).
    public let biases: [Variable]

    /// Leaves holding copies of `parameters`' tensors.
    public init(_ parameters: MLPParameters) {
        weights = parameters.weights.map { Variable($0, requiresGrad: true) }
        biases = parameters.biases.map { Variable($0, requiresGrad: true) }
    }

    /// All parameters in the book's order [W1, b1, W2, b2, …], for `sgd` or `SGD`.
    public var all: [Variable] {
        zip(weights, biases).flatMap { [$0.0, $0.1] }
    }

    /// The current values, as plain tensors.
    public var parameters: MLPParameters {
        MLPParameters(weights: weights.map(\.value), biases: biases.map(\.value))
    }
}

/// The chapter's network on Variables, so that `backward()` reaches W1, b1, W2, b2, …:
/// relu(X.reshape(-1, inputs)·W1 + b1)·W2 + b2 (and so on for more hidden layers).
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func net(_ X: Variable, _ params: MLPVariables) -> Variable {
    let inputs = params.weights[0].shape[0]
    precondition(X.value.count % inputs == 0,
                 "net: an input of shape \(X.shape) cannot be reshaped to [-1, \(inputs)]")
    var h = try! X.reshaped([-1, inputs])
    for layer in 0..<params.weights.count {
        h = matmul(h, params.weights[layer]) + params.biases[layer]
        if layer < params.weights.count - 1 { h = relu(h) }
    }
    return h
}

/// `net` on a constant input batch.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func net(_ X: Tensor, _ params: MLPVariables) -> Variable {
    net(Variable(X), params)
}
