import D2L

// Wrong on purpose: allocates 8 GB, past the sandbox's memory limit.
public func relu(_ X: Tensor) -> Tensor {
    var big = [Float](repeating: 1, count: 1 << 31)
    big[5] = 2
    return X.map { max($0, big[5] - 2) }
}
