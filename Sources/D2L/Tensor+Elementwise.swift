#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// A tensor of `shape` whose storage `fill` writes completely (no zero-fill first).
    @inlinable
    init(shape: [Int], fillingWith fill: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = shape.reduce(1, *)
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(buffer)
            initialized = count
        }
        self.init(shape: shape, scalars: values)
    }

    /// `transform` applied to every element.
    @inlinable @inline(__always)
    public func map(_ transform: (Float) -> Float) -> Tensor {
        scalars.withUnsafeBufferPointer { src in
            Tensor(shape: shape) { dst in
                for i in 0..<src.count { dst[i] = transform(src[i]) }
            }
        }
    }

    /// e^x elementwise.
    public func exp() -> Tensor { map { expf($0) } }

    /// The natural logarithm elementwise (−inf at 0, NaN below 0, as in PyTorch).
    public func log() -> Tensor { map { logf($0) } }

    /// Elementwise max(x, value).
    public func clamped(min value: Float) -> Tensor { map { ($0 >= value || $0.isNaN) ? $0 : value } }

    public static prefix func - (x: Tensor) -> Tensor { x.map { -$0 } }

    public static func + (x: Tensor, s: Float) -> Tensor { x.map { $0 + s } }
    public static func - (x: Tensor, s: Float) -> Tensor { x.map { $0 - s } }
    public static func * (x: Tensor, s: Float) -> Tensor { x.map { $0 * s } }
    public static func / (x: Tensor, s: Float) -> Tensor { x.map { $0 / s } }
    public static func * (s: Float, x: Tensor) -> Tensor { x.map { s * $0 } }

    /// Elementwise sum with NumPy/PyTorch broadcasting (e.g. a bias row added to every row).
    public static func + (a: Tensor, b: Tensor) -> Tensor { broadcast(a, b) { $0 + $1 } }
    /// Elementwise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor { broadcast(a, b) { $0 - $1 } }
    /// Elementwise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor { broadcast(a, b) { $0 * $1 } }
    /// Elementwise quotient with broadcasting (e.g. dividing each row by its sum).
    public static func / (a: Tensor, b: Tensor) -> Tensor { broadcast(a, b) { $0 / $1 } }

    /// a += b, in place when b has a's shape (else broadcasting into a new tensor).
    public static func += (a: inout Tensor, b: Tensor) {
        guard a.shape == b.shape else { a = a + b; return }
        b.scalars.withUnsafeBufferPointer { src in
            a.scalars.withUnsafeMutableBufferPointer { dst in
                for i in 0..<dst.count { dst[i] += src[i] }
            }
        }
    }

    /// a -= b, in place when b has a's shape.
    public static func -= (a: inout Tensor, b: Tensor) {
        guard a.shape == b.shape else { a = a - b; return }
        b.scalars.withUnsafeBufferPointer { src in
            a.scalars.withUnsafeMutableBufferPointer { dst in
                for i in 0..<dst.count { dst[i] -= src[i] }
            }
        }
    }

    /// The largest absolute elementwise difference to a tensor of the same shape.
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(shape == other.shape, "maxAbsDifference: shapes \(shape) and \(other.shape) differ")
        var worst: Float = 0
        for (x, y) in zip(scalars, other.scalars) {
            let d = abs(x - y)
            if d > worst || d.isNaN { worst = d }
        }
        return worst
    }

    /// A 2-D tensor's transpose (a copy; the hot path uses `matmul(transposeA:transposeB:)`).
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed() needs a matrix, got shape \(shape)")
        let rows = shape[0], cols = shape[1]
        return scalars.withUnsafeBufferPointer { src in
            Tensor(shape: [cols, rows]) { dst in
                for r in 0..<rows {
                    for c in 0..<cols { dst[c * rows + r] = src[r * cols + c] }
                }
            }
        }
    }
}

/// Elementwise maximum of two tensors with broadcasting: `maximum(X, zeros)` is `torch.max(X, zeros)`.
public func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
    Tensor.broadcast(a, b) { ($0 >= $1 || $0.isNaN) ? $0 : $1 }  // NaN propagates, as in PyTorch
}

/// Elementwise minimum of two tensors with broadcasting.
public func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
    Tensor.broadcast(a, b) { ($0 <= $1 || $0.isNaN) ? $0 : $1 }
}
