/// Reductions: over all elements or along one axis (negative axes count from the end).
extension Tensor {
    /// The sum of all elements, as a 0-D tensor.
    public func sum() -> Tensor { Tensor(scalar: sumOfScalars()) }

    /// The mean of all elements, as a 0-D tensor (NaN for an empty tensor, as in PyTorch).
    public func mean() -> Tensor { Tensor(scalar: sumOfScalars() / Float(count)) }

    /// The sum along `axis`; with `keepDims` the axis stays with size 1 (for broadcasting back).
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
        reduce(axis: axis, keepDims: keepDims, initial: 0) { $0 + $1 }
    }

    /// The mean along `axis`.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = normalizedAxis(axis)
        return sum(axis: a, keepDims: keepDims) / Float(shape[a])
    }

    /// The largest element along `axis` (NaN propagates).
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        reduce(axis: axis, keepDims: keepDims, initial: -.infinity) { ($1 > $0 || $1.isNaN) ? $1 : $0 }
    }

    /// The largest element of the whole tensor.
    public func max() -> Float {
        var best = -Float.infinity
        for x in scalars where x > best || x.isNaN { best = x }
        return best
    }

    /// The index of the largest element along `axis` (the first one on ties, as PyTorch does on
    /// CPU), one per position of the other axes in row-major order: for a batch of logits
    /// `argmax(axis: 1)` is the predicted class of each row.
    public func argmax(axis: Int) -> [Int] {
        let a = normalizedAxis(axis)
        let (outer, n, inner) = splitAround(a)
        precondition(n > 0, "argmax over an empty axis of shape \(shape)")
        var result = [Int](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { src in
            for o in 0..<outer {
                for i in 0..<inner {
                    var best = src[o * n * inner + i], bestIndex = 0
                    for j in 1..<n {
                        let x = src[(o * n + j) * inner + i]
                        if x > best || (x.isNaN && !best.isNaN) { best = x; bestIndex = j }
                    }
                    result[o * inner + i] = bestIndex
                }
            }
        }
        return result
    }

    /// `axis` made non-negative, or a clear failure when it is out of range.
    func normalizedAxis(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "axis \(axis) is out of range for a tensor of shape \(shape)")
        return a
    }

    /// (product of dims before `axis`, dim at `axis`, product of dims after `axis`).
    func splitAround(_ axis: Int) -> (Int, Int, Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    private func sumOfScalars() -> Float {
        scalars.withUnsafeBufferPointer { src in
            var total: Float = 0
            for x in src { total += x }
            return total
        }
    }

    @inline(__always)
    private func reduce(axis: Int, keepDims: Bool, initial: Float,
                        _ combine: (Float, Float) -> Float) -> Tensor {
        let a = normalizedAxis(axis)
        let (outer, n, inner) = splitAround(a)
        var newShape = shape
        if keepDims { newShape[a] = 1 } else { newShape.remove(at: a) }
        var result = [Float](repeating: initial, count: outer * inner)
        scalars.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { dst in
                for o in 0..<outer {
                    for j in 0..<n {
                        let row = (o * n + j) * inner
                        for i in 0..<inner { dst[o * inner + i] = combine(dst[o * inner + i], src[row + i]) }
                    }
                }
            }
        }
        return Tensor(shape: newShape, scalars: result)
    }
}
