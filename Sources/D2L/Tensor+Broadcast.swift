/// NumPy/PyTorch broadcasting: shapes are aligned at the right; a dimension of 1 (or a missing
/// one) stretches to the other's size.
extension Tensor {
    /// The shape `a` and `b` broadcast to, or nil when they are incompatible.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else { return nil }
            result[i] = da == 1 ? db : da
        }
        return result
    }

    /// True when `small`, without its leading 1s, is a suffix of `big`: then `small` repeats
    /// every `small.count` elements of `big` (a bias row against a batch of rows).
    @usableFromInline
    static func isTrailingBlock(_ small: [Int], of big: [Int]) -> Bool {
        let core = small.drop { $0 == 1 }
        return core.count <= big.count && big.suffix(core.count).elementsEqual(core)
    }

    /// `op` applied elementwise to `a` and `b` broadcast to a common shape.
    @inlinable @inline(__always)
    static func broadcast(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        guard let shape = broadcastShape(a.shape, b.shape) else {
            preconditionFailure("cannot broadcast shapes \(a.shape) and \(b.shape) together")
        }
        return a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                Tensor(shape: shape) { out in
                    let n = out.count
                    if n == 0 { return }
                    if pa.count == n && pb.count == n {
                        for i in 0..<n { out[i] = op(pa[i], pb[i]) }
                    } else if pb.count == 1 {
                        let y = pb[0]
                        for i in 0..<n { out[i] = op(pa[i], y) }
                    } else if pa.count == 1 {
                        let x = pa[0]
                        for i in 0..<n { out[i] = op(x, pb[i]) }
                    } else if pa.count == n && isTrailingBlock(b.shape, of: shape) {
                        let width = pb.count
                        var start = 0
                        while start < n {
                            for j in 0..<width { out[start + j] = op(pa[start + j], pb[j]) }
                            start += width
                        }
                    } else if pb.count == n && isTrailingBlock(a.shape, of: shape) {
                        let width = pa.count
                        var start = 0
                        while start < n {
                            for j in 0..<width { out[start + j] = op(pa[j], pb[start + j]) }
                            start += width
                        }
                    } else {
                        let sa = broadcastStrides(a.shape, to: shape)
                        let sb = broadcastStrides(b.shape, to: shape)
                        forEachBroadcastOffset(shape, sa, sb) { o, ia, ib in out[o] = op(pa[ia], pb[ib]) }
                    }
                }
            }
        }
    }

    /// Element strides of `shape` seen as broadcast to `target` (0 along stretched dimensions).
    @usableFromInline
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let pad = target.count - shape.count
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        for i in stride(from: target.count - 1, through: pad, by: -1) {
            let d = shape[i - pad]
            strides[i] = d == 1 ? 0 : step
            step *= d
        }
        return strides
    }

    /// Calls `body(outIndex, offsetA, offsetB)` for every element of `shape` in row-major order.
    @usableFromInline
    static func forEachBroadcastOffset(_ shape: [Int], _ sa: [Int], _ sb: [Int],
                                       _ body: (Int, Int, Int) -> Void) {
        let rank = shape.count
        let total = shape.reduce(1, *)
        guard total > 0 else { return }
        if rank == 0 { body(0, 0, 0); return }
        var index = [Int](repeating: 0, count: rank)
        var ia = 0, ib = 0
        for o in 0..<total {
            body(o, ia, ib)
            var d = rank - 1
            index[d] += 1
            ia += sa[d]
            ib += sb[d]
            while index[d] == shape[d] && d > 0 {
                ia -= sa[d] * shape[d]
                ib -= sb[d] * shape[d]
                index[d] = 0
                d -= 1
                index[d] += 1
                ia += sa[d]
                ib += sb[d]
            }
        }
    }

    /// Sums this tensor down to `target`, a shape that broadcasts to `self.shape`: the adjoint
    /// of broadcasting, used for the gradient of a broadcast operand (e.g. a bias).
    public func sum(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        precondition(Tensor.broadcastShape(target, shape) == shape,
                     "sum(toShape:): \(target) does not broadcast to \(shape)")
        let targetCount = target.reduce(1, *)
        var result = [Float](repeating: 0, count: targetCount)
        scalars.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { dst in
                if targetCount == 1 {
                    var total: Float = 0
                    for x in src { total += x }
                    dst[0] = total
                } else if Tensor.isTrailingBlock(target, of: shape) {
                    var start = 0
                    while start < src.count {
                        for j in 0..<targetCount { dst[j] += src[start + j] }
                        start += targetCount
                    }
                } else {
                    let st = Tensor.broadcastStrides(target, to: shape)
                    let unit = [Int](repeating: 0, count: shape.count)
                    Tensor.forEachBroadcastOffset(shape, st, unit) { o, it, _ in dst[it] += src[o] }
                }
            }
        }
        return Tensor(shape: target, scalars: result)
    }
}
