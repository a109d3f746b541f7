import D2L

// Wrong on purpose: the loop stops one element early.
public func relu(_ X: Tensor) -> Tensor {
    var out = X
    for i in 0..<(X.count - 1) { out.scalars[i] = max(X.scalars[i], 0) }
    return out
}
