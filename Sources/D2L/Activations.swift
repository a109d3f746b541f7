#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rectified linear unit as the notes define it: `torch.max(X, zeros)`, i.e. elementwise
/// max(x, 0). NaN stays NaN, as in PyTorch.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func relu(_ x: Tensor) -> Tensor {
    x.clamped(min: 0)
}

/// relu applied in place, for hot loops that own their buffer.
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func reluInPlace(_ x: inout Tensor) {
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

/// relu on a Variable, `torch.max(X, zeros)`: the gradient is 1 where x > 0, 0 where x < 0,
/// and ½ where x == 0 exactly (PyTorch splits a tie of max evenly; learners compare with it).
/// `package`: a reference for an exercise, out of reach of learners' workspaces (other packages).
package func relu(_ x: Variable) -> Variable {
    let input = x.value
    return Variable(value: relu(input), parents: [x]) { g in
        [Tensor.broadcast(g, input) { gi, xi in xi > 0 ? gi : (xi == 0 ? 0.5 * gi : 0) }]
    }
}

/// Softmax over the last axis on a Variable: ∂/∂x = y ⊙ (g − Σ_j g_j y_j) per row.
public func softmax(_ x: Variable) -> Variable {
    let y = softmax(x.value)
    return Variable(value: y, parents: [x]) { g in
        let width = y.shape[y.rank - 1]
        return [y.scalars.withUnsafeBufferPointer { py in
            g.scalars.withUnsafeBufferPointer { pg in
                Tensor(shape: y.shape) { out in
                    var start = 0
                    while start < out.count {
                        var dot: Float = 0
                        for j in 0..<width { dot += pg[start + j] * py[start + j] }
                        for j in 0..<width { out[start + j] = py[start + j] * (pg[start + j] - dot) }
                        start += width
                    }
                }
            }
        }]
    }
}
