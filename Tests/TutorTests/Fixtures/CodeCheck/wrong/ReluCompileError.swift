import D2L

public func relu(_ X: Tensor) -> Tensor {
    X.map { max($0, zero) }
}
