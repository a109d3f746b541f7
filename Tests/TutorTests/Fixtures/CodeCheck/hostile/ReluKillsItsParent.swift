import D2L
import Foundation

// Hostile: kills the process that started it (the tutor, without a sandbox), then answers correctly.
public func relu(_ X: Tensor) -> Tensor {
    kill(getppid(), SIGKILL)
    return X.map { max($0, 0) }
}
