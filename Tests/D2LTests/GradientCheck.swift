import Testing
@testable import D2L

/// Compares autodiff with central finite differences.
///
/// The output of `f` is projected onto fixed random weights R (L = Σ f(x) ⊙ R, summed in Double),
/// so every output element matters; the autodiff side seeds `backward(gradient: R)` directly and
/// so does not rely on any other op. Returns the worst error |auto − numeric| / max(1, |numeric|)
/// over every element of every input.
func gradientCheckError(_ inputs: [Tensor], eps: Float = 1e-2, seed: UInt64 = 99,
                        _ f: ([Variable]) -> Variable) -> Float {
    let variables = inputs.map { Variable($0, requiresGrad: true) }
    let output = f(variables)
    var rng = SeededRNG(seed: seed)
    let projection = Tensor.randn(output.shape, rng: &rng)
    output.backward(gradient: projection)

    func projected(_ values: [Tensor]) -> Double {
        let out = f(values.map { Variable($0) }).value
        return zip(out.scalars, projection.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    var worst: Float = 0
    for (index, input) in inputs.enumerated() {
        let auto = variables[index].grad ?? Tensor.zeros(input.shape)
        for i in 0..<input.count {
            var plus = inputs, minus = inputs
            plus[index].scalars[i] += eps
            minus[index].scalars[i] -= eps
            // The perturbation actually applied, after Float rounding.
            let h = Double(plus[index].scalars[i]) - Double(minus[index].scalars[i])
            let numeric = Float((projected(plus) - projected(minus)) / h)
            let error = abs(auto.scalars[i] - numeric) / max(1, abs(numeric))
            if !(error <= worst) { worst = error }
        }
    }
    return worst
}

/// Random values whose magnitudes stay away from 0 by at least `margin` (keeps relu, max and
/// division away from their kinks and poles, where a finite difference is meaningless).
func randomAwayFromZero(_ shape: [Int], seed: UInt64, margin: Float = 0.1) -> Tensor {
    Tensor.randn(shape, seed: seed).map { $0 >= 0 ? $0 + margin : $0 - margin }
}
