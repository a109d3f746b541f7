import Foundation
@testable import D2L

/// The PyTorch values written by `scripts/pytorch_reference.py`.
struct ReferenceFixture: Decodable {
    struct Relu: Decodable { let x, y: [[Float]]; let grad_of_sum: [[Float]] }
    struct Softmax: Decodable { let x, y: [[Float]] }
    struct CrossEntropy: Decodable {
        let logits: [[Float]]; let labels: [Int]
        let none: [Float]; let mean, sum: Float; let grad_of_mean, grad_of_sum: [[Float]]
    }
    struct Network: Decodable {
        let x: [[Float]]; let labels: [Int]
        let weights: [[[Float]]]; let biases: [[Float]]
        let output: [[Float]]; let loss_mean: Float
        let grad_weights: [[[Float]]]; let grad_biases: [[Float]]

        var parameters: MLPParameters {
            MLPParameters(weights: weights.map { Tensor($0) }, biases: biases.map { Tensor($0) })
        }
    }
    struct Confusion: Decodable {
        let classes: Int; let logits: [[Float]]; let labels, predicted: [Int]
        let matrix: [[Int]]; let per_class_accuracy, per_class_precision: [Double]
        let wrong_indices: [Int]
    }
    let torch_version: String
    let relu: Relu
    let softmax: Softmax
    let cross_entropy: CrossEntropy
    let network: Network
    let deep_network: Network
    let ones_network: Network
    let confusion: Confusion

    static let shared: ReferenceFixture = {
        guard let url = Bundle.module.url(forResource: "pytorch_reference", withExtension: "json",
                                          subdirectory: "Fixtures") else {
            fatalError("Fixtures/pytorch_reference.json is missing: run scripts/pytorch_reference.py")
        }
        return try! JSONDecoder().decode(ReferenceFixture.self, from: Data(contentsOf: url))
    }()
}

/// The largest difference between `actual` and `expected`, scaled down for large magnitudes:
/// |a − e| / max(1, |e|). Float32 has 24 bits, so a loss of 2000 is only exact to ~1e-4.
func maxScaledError(_ actual: [Float], _ expected: [Float]) -> Float {
    precondition(actual.count == expected.count, "\(actual.count) values against \(expected.count)")
    var worst: Float = 0
    for (a, e) in zip(actual, expected) {
        let error = abs(a - e) / max(1, abs(e))
        if !(error <= worst) { worst = error }   // NaN counts as the worst
    }
    return worst
}
