// The differentiable operations on Variables, each with its pullback (how a gradient flows
// back to its operands). Activations and the loss live with their Tensor versions.
// Pullbacks capture tensors and flags, never Variables: the graph's only links are `parents`.

/// op(a) · op(b): the gradients are G·Bᵀ and Aᵀ·G, computed by BLAS without copying a transpose.
public func matmul(_ a: Variable, _ b: Variable) -> Variable {
    let (va, vb, needA, needB) = (a.value, b.value, a.requiresGrad, b.requiresGrad)
    return Variable(value: matmul(va, vb), parents: [a, b]) { g in
        [needA ? matmul(g, vb, transposeB: true) : nil,
         needB ? matmul(va, g, transposeA: true) : nil]
    }
}

/// X·W + b with the bias broadcast over the rows (one BLAS call forward, two backward).
public func linear(_ x: Variable, _ w: Variable, _ b: Variable) -> Variable {
    let (vx, vw) = (x.value, w.value)
    let (needX, needW, needB) = (x.requiresGrad, w.requiresGrad, b.requiresGrad)
    return Variable(value: linear(vx, vw, b.value), parents: [x, w, b]) { g in
        [needX ? matmul(g, vw, transposeB: true) : nil,
         needW ? matmul(vx, g, transposeA: true) : nil,
         needB ? g.sum(axis: 0) : nil]
    }
}

extension Variable {
    /// Sum with broadcasting; a broadcast operand's gradient is summed back to its shape.
    public static func + (a: Variable, b: Variable) -> Variable {
        let (sa, sb, needA, needB) = (a.shape, b.shape, a.requiresGrad, b.requiresGrad)
        return Variable(value: a.value + b.value, parents: [a, b]) { g in
            [needA ? g.sum(toShape: sa) : nil, needB ? g.sum(toShape: sb) : nil]
        }
    }

    /// Difference with broadcasting.
    public static func - (a: Variable, b: Variable) -> Variable {
        let (sa, sb, needA, needB) = (a.shape, b.shape, a.requiresGrad, b.requiresGrad)
        return Variable(value: a.value - b.value, parents: [a, b]) { g in
            [needA ? g.sum(toShape: sa) : nil, needB ? (-g).sum(toShape: sb) : nil]
        }
    }

    /// Elementwise product with broadcasting.
    public static func * (a: Variable, b: Variable) -> Variable {
        let (va, vb, needA, needB) = (a.value, b.value, a.requiresGrad, b.requiresGrad)
        return Variable(value: va * vb, parents: [a, b]) { g in
            [needA ? (g * vb).sum(toShape: va.shape) : nil,
             needB ? (g * va).sum(toShape: vb.shape) : nil]
        }
    }

    /// Elementwise quotient with broadcasting.
    public static func / (a: Variable, b: Variable) -> Variable {
        let (va, vb, needA, needB) = (a.value, b.value, a.requiresGrad, b.requiresGrad)
        return Variable(value: va / vb, parents: [a, b]) { g in
            [needA ? (g / vb).sum(toShape: va.shape) : nil,
             needB ? (-(g * va) / (vb * vb)).sum(toShape: vb.shape) : nil]
        }
    }

    public static func * (a: Variable, s: Float) -> Variable {
        Variable(value: a.value * s, parents: [a]) { g in [g * s] }
    }

    public static func * (s: Float, a: Variable) -> Variable { a * s }

    public static func / (a: Variable, s: Float) -> Variable {
        Variable(value: a.value / s, parents: [a]) { g in [g / s] }
    }

    public static prefix func - (a: Variable) -> Variable {
        Variable(value: -a.value, parents: [a]) { g in [-g] }
    }

    /// The same elements under another shape (one dimension may be -1).
    public func reshaped(_ newShape: [Int]) throws -> Variable {
        let oldShape = shape
        return Variable(value: try value.reshaped(newShape), parents: [self]) { g in
            [Tensor(shape: oldShape, scalars: g.scalars)]
        }
    }

    /// The sum of all elements (a scalar).
    public func sum() -> Variable {
        let s = shape
        return Variable(value: value.sum(), parents: [self]) { g in
            [Tensor(shape: s) { $0.update(repeating: g.scalar) }]
        }
    }

    /// The mean of all elements (a scalar).
    public func mean() -> Variable {
        let s = shape, n = Float(value.count)
        return Variable(value: value.mean(), parents: [self]) { g in
            [Tensor(shape: s) { $0.update(repeating: g.scalar / n) }]
        }
    }

    /// The sum along `axis`; its gradient is broadcast back along that axis.
    public func sum(axis: Int, keepDims: Bool = false) -> Variable {
        let s = shape, a = value.normalizedAxis(axis)
        return Variable(value: value.sum(axis: a, keepDims: keepDims), parents: [self]) { g in
            [Variable.spread(g, along: a, to: s, scale: 1)]
        }
    }

    /// The mean along `axis`.
    public func mean(axis: Int, keepDims: Bool = false) -> Variable {
        let s = shape, a = value.normalizedAxis(axis)
        return Variable(value: value.mean(axis: a, keepDims: keepDims), parents: [self]) { g in
            [Variable.spread(g, along: a, to: s, scale: 1 / Float(s[a]))]
        }
    }

    /// e^x elementwise; its derivative is itself.
    public func exp() -> Variable {
        let y = value.exp()
        return Variable(value: y, parents: [self]) { g in [g * y] }
    }

    /// ln x elementwise; its derivative is 1/x.
    public func log() -> Variable {
        let x = value
        return Variable(value: x.log(), parents: [self]) { g in [g / x] }
    }

    /// A gradient of a reduction over `axis` (with or without the kept dimension) repeated
    /// along that axis to `shape`, times `scale`.
    static func spread(_ g: Tensor, along axis: Int, to shape: [Int], scale: Float) -> Tensor {
        var kept = shape
        kept[axis] = 1
        let zeros = Tensor(shape: shape) { $0.update(repeating: 0) }
        return zeros + Tensor(shape: kept, scalars: g.scalars) * scale
    }
}

/// Elementwise maximum with broadcasting, `torch.max(a, b)`: the gradient goes to the larger
/// operand, and on a tie it is split evenly (½ each), as PyTorch does.
public func maximum(_ a: Variable, _ b: Variable) -> Variable {
    let (va, vb, needA, needB) = (a.value, b.value, a.requiresGrad, b.requiresGrad)
    return Variable(value: maximum(va, vb), parents: [a, b]) { g in
        let shareA = Tensor.broadcast(va, vb) { $0 > $1 ? 1 : ($0 == $1 ? 0.5 : 0) }
        return [needA ? (g * shareA).sum(toShape: va.shape) : nil,
                needB ? (g * shareA.map { 1 - $0 }).sum(toShape: vb.shape) : nil]
    }
}
