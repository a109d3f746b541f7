#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rectified linear unit as the notes define it: `torch.max(X, zeros)`, i.e. elementwise
/// max(x, 0). NaN stays NaN, as in PyTorch.
public func relu(_ x: Tensor) -> Tensor {
    x.clamped(min: 0)
}

/// relu applied in place, for hot loops that own their buffer.
public func reluInPlace(_ x: inout Tensor) {
    x.scalars.withUnsafeMutableBufferPointer { p in
        for i in 0..<p.count where p[i] < 0 { p[i] = 0 }
    }
}

/// Softmax over the last axis, stable for large logits: exp(x − max) / Σ exp(x − max) per row.
public func softmax(_ x: Tensor) -> Tensor {
    precondition(x.rank >= 1, "softmax needs at least one axis, got a scalar")
    let width = x.shape[x.rank - 1]
    return x.scalars.withUnsafeBufferPointer { src in
        Tensor(shape: x.shape) { dst in
            guard width > 0 else { return }
            var start = 0
            while start < src.count {
                var top = -Float.infinity
                for j in 0..<width where src[start + j] > top { top = src[start + j] }
                var total: Float = 0
                for j in 0..<width {
                    let e = expf(src[start + j] - top)
                    dst[start + j] = e
                    total += e
                }
                let inverse = 1 / total
                for j in 0..<width { dst[start + j] *= inverse }
                start += width
            }
        }
    }
}
