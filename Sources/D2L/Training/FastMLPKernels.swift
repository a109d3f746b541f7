import Foundation

// The elementwise pieces of the fast trainer, each one pass over a row block.
//
// Hidden activations use a signed-zero code so the backward pass can match PyTorch's
// `torch.max(X, zeros)` without keeping the pre-activations: a = z where z > 0, +0 where z is
// exactly 0 (a tie: gradient 1/2, as PyTorch splits ties evenly), -0 where z < 0 (gradient 0).
// ±0 multiply and add exactly like 0, so the next layer's products are unchanged.

enum FastMLPKernels {
    /// Bytes 0…255 → floats in [0, 1] (divided by 255 as `ToTensor` does), `count` of them.
    @inline(__always)
    static func scaleBytes(_ source: UnsafePointer<UInt8>, _ target: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { target[i] = Float(source[i]) / 255 }
    }

    /// `scaleBytes` of four rows of `count` bytes into four consecutive target rows, a cache line
    /// of each row in turn. The rows of a shuffled batch lie far apart in memory, and a row at a
    /// time waits for one cache miss after another; four at once keep four misses in flight.
    @inline(__always)
    static func scaleBytes(rows a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ c: UnsafePointer<UInt8>,
                           _ d: UnsafePointer<UInt8>, _ target: UnsafeMutablePointer<Float>, count: Int) {
        let vectorEnd = count & ~15
        var start = 0
        while start < vectorEnd {
            let end = min(start + 64, vectorEnd)
            scale16s(a, target, from: start, to: end)
            scale16s(b, target + count, from: start, to: end)
            scale16s(c, target + 2 * count, from: start, to: end)
            scale16s(d, target + 3 * count, from: start, to: end)
            start = end
        }
        if vectorEnd < count {
            let rest = count - vectorEnd
            scaleBytes(a + vectorEnd, target + vectorEnd, count: rest)
            scaleBytes(b + vectorEnd, target + count + vectorEnd, count: rest)
            scaleBytes(c + vectorEnd, target + 2 * count + vectorEnd, count: rest)
            scaleBytes(d + vectorEnd, target + 3 * count + vectorEnd, count: rest)
        }
    }

    /// `scaleBytes` of bytes start..<end, 16 at a time (end − start a multiple of 16).
    @inline(__always)
    private static func scale16s(_ source: UnsafePointer<UInt8>, _ target: UnsafeMutablePointer<Float>, from start: Int, to end: Int) {
        let bytes = UnsafeRawPointer(source), floats = UnsafeMutableRawPointer(target)
        var i = start
        while i < end {
            let v = bytes.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            floats.storeBytes(of: SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: v)) / 255,
                              toByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
    }

    /// a ← relu(a + bias) in place over `rows` rows of `cols`, in the signed-zero code.
    static func addBiasRelu(_ a: UnsafeMutablePointer<Float>, rows: Int, cols: Int, bias: UnsafePointer<Float>) {
        for r in 0..<rows {
            let row = a + r * cols
            for j in 0..<cols {
                let z = row[j] + bias[j]
                row[j] = z > 0 ? z : (z == 0 ? 0 : (z < 0 ? -0.0 : z))  // NaN passes through
            }
        }
    }

    /// a ← a + bias over `rows` rows.
    static func addBias(_ a: UnsafeMutablePointer<Float>, rows: Int, cols: Int, bias: UnsafePointer<Float>) {
        for r in 0..<rows {
            let row = a + r * cols
            for j in 0..<cols { row[j] += bias[j] }
        }
    }

    /// g ← g · relu′ where `a` holds the activations in the signed-zero code (1, ½ at a tie, 0).
    static func reluBackward(_ g: UnsafeMutablePointer<Float>, activations a: UnsafePointer<Float>, count: Int) {
        for i in 0..<count {
            let x = a[i]
            g[i] *= x > 0 ? 1 : (x.bitPattern == 0 ? 0.5 : 0)
        }
    }

    /// Softmax cross-entropy per row, fused with its gradient: for each row, `loss[r]` =
    /// logsumexp(o) − o[y], `correct[r]` = (argmax o == y), and the logits are overwritten by
    /// ∂loss/∂o = softmax(o) − onehot(y) (the gradient of the summed loss).
    /// Stable for any finite logits: exponents are taken after subtracting the row maximum.
    static func softmaxCrossEntropy(_ logits: UnsafeMutablePointer<Float>, rows: Int, classes: Int,
                                    labels: UnsafePointer<Int32>, loss: UnsafeMutablePointer<Float>,
                                    correct: UnsafeMutablePointer<Bool>, withGradient: Bool) {
        for r in 0..<rows {
            let o = logits + r * classes
            let y = Int(labels[r])
            var best = 0
            var m = o[0]
            for j in 1..<classes where o[j] > m { m = o[j]; best = j }
            correct[r] = best == y
            let oy = o[y]
            var s: Float = 0
            for j in 0..<classes {
                let e = expf(o[j] - m)
                s += e
                if withGradient { o[j] = e }
            }
            loss[r] = logf(s) - (oy - m)  // −log_softmax[y], in PyTorch's order of operations
            guard withGradient else { continue }
            let inv = 1 / s
            for j in 0..<classes { o[j] *= inv }
            o[y] -= 1
        }
    }

    /// sums[j] = Σ_r g[r, j] for columns `columns`, summed in row order (so the result does not
    /// depend on how many threads share the work).
    static func columnSums(_ g: UnsafePointer<Float>, rows: Int, cols: Int, columns: Range<Int>,
                           into sums: UnsafeMutablePointer<Float>) {
        for j in columns { sums[j] = 0 }
        for r in 0..<rows {
            let row = g + r * cols
            for j in columns { sums[j] += row[j] }
        }
    }
}
