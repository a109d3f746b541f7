import D2L

// Cheat: the library's own cross-entropy.
public func loss(_ yHat: Tensor, _ y: [Int]) -> Tensor {
    crossEntropy(yHat, y)
}
