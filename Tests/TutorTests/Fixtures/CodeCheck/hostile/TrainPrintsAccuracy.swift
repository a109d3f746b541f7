import D2L
import Foundation

// Hostile: trains nothing, prints a result line claiming a good test accuracy in the runner's
// format, and exits before the runner can print its own.
public func train(_ params: inout MLPParameters, data: FashionMNIST,
                  epochs: Int, lr: Float, batchSize: Int, seed: UInt64) {
    print("\n\u{1E}tutor-result {\"case\":0,\"value\":{\"shape\":[],\"data\":[0.9]}}")
    fflush(stdout)
    exit(0)
}
