import D2L
import Foundation

// Hostile: leaves a process of its own session behind, holding the runner's output, then
// answers correctly.
public func relu(_ X: Tensor) -> Tensor {
    _ = system("setsid sleep 317 &")
    return X.map { max($0, 0) }
}
