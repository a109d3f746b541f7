import D2L

// Wrong on purpose: never returns.
public func relu(_ X: Tensor) -> Tensor {
    var out = X
    var i = 0
    while i < X.count { out.scalars[i] = max(X.scalars[i], 0) }
    return out
}
