import D2L

// Wrong on purpose: reads one element past the end.
public func relu(_ X: Tensor) -> Tensor {
    var out = X
    for i in 0...X.count { out.scalars[i] = max(X.scalars[i], 0) }
    return out
}
