import D2L

/// What the runner sends back for `train`: the learner's trained parameters, every weight
/// then every bias, flattened into one tensor. The tutor measures their test accuracy itself,
/// outside the sandbox, so no printed number can stand in for training.
extension RunnerWire {
    public static func flattened(_ params: MLPParameters) -> Tensor {
        let scalars = (params.weights + params.biases).flatMap(\.scalars)
        return Tensor(shape: [scalars.count], scalars: scalars)
    }

    /// `flat` cut into parameters shaped like `template`; nil when the count differs.
    public static func unflattened(_ flat: Tensor, like template: MLPParameters) -> MLPParameters? {
        let shapes = (template.weights + template.biases).map(\.shape)
        guard flat.rank == 1, flat.count == template.parameterCount else { return nil }
        var offset = 0
        let tensors = shapes.map { shape -> Tensor in
            let n = shape.reduce(1, *)
            defer { offset += n }
            return Tensor(shape: shape, scalars: Array(flat.scalars[offset..<(offset + n)]))
        }
        let layers = template.weights.count
        return MLPParameters(weights: Array(tensors[..<layers]), biases: Array(tensors[layers...]))
    }
}
