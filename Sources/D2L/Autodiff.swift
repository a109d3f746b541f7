/// A tensor in a computation graph: reverse-mode automatic differentiation.
///
/// Leaves are made with `Variable(_:requiresGrad:)`; every operation on Variables records the
/// result's parents and how to send a gradient back to them. `backward()` on a scalar result
/// walks that graph once, in reverse topological order, and *adds* ∂result/∂leaf into the `grad`
/// of every leaf that requires a gradient — as PyTorch does, gradients accumulate until
/// `zeroGrad()`. Intermediate results do not keep their gradients. The graph is kept as long as
/// its result is alive, so a second `backward()` adds the same gradients again (PyTorch's
/// `retain_graph=True`).
///
/// Operations on Variables none of which requires a gradient record nothing (like
/// `torch.no_grad()`), so a Variable can also be used as a plain value.
public final class Variable {
    /// The value computed in the forward pass. Updating it (e.g. an SGD step) does not touch the graph.
    public var value: Tensor
    /// The accumulated gradient of a leaf, nil until a backward pass reaches it.
    public var grad: Tensor?
    /// Whether gradients flow to (and through) this Variable.
    public let requiresGrad: Bool

    /// The operands this Variable was computed from (empty for a leaf).
    private(set) var parents: [Variable]
    /// Given ∂L/∂self, the gradients ∂L/∂parent in the order of `parents` (nil where not needed).
    /// It must not capture Variables, so that `parents` are the graph's only links (see `deinit`).
    let pullback: ((Tensor) -> [Tensor?])?

    /// A leaf: a parameter (`requiresGrad: true`) or a constant input.
    public init(_ value: Tensor, requiresGrad: Bool = false) {
        self.value = value
        self.requiresGrad = requiresGrad
        self.parents = []
        self.pullback = nil
    }

    /// The result of an operation: records the graph only when some operand requires a gradient.
    init(value: Tensor, parents: [Variable], pullback: @escaping (Tensor) -> [Tensor?]) {
        self.value = value
        let tracked = parents.contains { $0.requiresGrad }
        self.requiresGrad = tracked
        self.parents = tracked ? parents : []
        self.pullback = tracked ? pullback : nil
    }

    /// Unlinks the graph behind this node iteratively: releasing a long chain of nodes one
    /// inside the other would otherwise recurse once per node and overflow the stack.
    deinit {
        guard !parents.isEmpty else { return }
        var stack = parents
        parents = []
        while var node = stack.popLast() {
            if isKnownUniquelyReferenced(&node) {
                stack.append(contentsOf: node.parents)
                node.parents = []
            }
        }
    }

    public var shape: [Int] { value.shape }
    /// True for a Variable made by the user rather than by an operation.
    public var isLeaf: Bool { pullback == nil }

    /// The same value, cut off from the graph (PyTorch's `detach()`).
    public func detached() -> Variable { Variable(value) }

    /// Sets an accumulated gradient back to zeros (the book's `param.grad.zero_()`).
    public func zeroGrad() {
        guard let g = grad else { return }
        grad = Tensor(shape: g.shape) { $0.update(repeating: 0) }
    }

    /// Back-propagates from this scalar (a 1-element result, e.g. a loss): adds
    /// ∂self/∂leaf to `grad` of every leaf it depends on that requires a gradient.
    public func backward() {
        precondition(value.count == 1,
                     "backward() needs a scalar; got shape \(value.shape): call sum() or mean() first, or pass a gradient")
        backward(gradient: Tensor(shape: value.shape, scalars: [1]))
    }

    /// Back-propagates a given ∂L/∂self (of this Variable's shape): PyTorch's `backward(gradient)`.
    public func backward(gradient seed: Tensor) {
        precondition(seed.shape == value.shape,
                     "backward(gradient:): gradient of shape \(seed.shape) for a value of shape \(value.shape)")
        guard requiresGrad else { return }
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        for node in topologicalOrder().reversed() {
            guard let g = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            guard let pullback = node.pullback else {
                Variable.accumulate(g, into: &node.grad)
                continue
            }
            let parentGrads = pullback(g)
            for (parent, parentGrad) in zip(node.parents, parentGrads) where parent.requiresGrad {
                guard let parentGrad else { continue }
                precondition(parentGrad.shape == parent.value.shape,
                             "internal: gradient shape \(parentGrad.shape) for a value of shape \(parent.value.shape)")
                let key = ObjectIdentifier(parent)
                if pending[key] == nil {
                    pending[key] = parentGrad
                } else {
                    Variable.accumulate(parentGrad, into: &pending[key])
                }
            }
        }
    }

    /// Nodes that require a gradient and lead to `self`, every node after its parents
    /// (iterative depth-first search: deep graphs do not overflow the stack).
    private func topologicalOrder() -> [Variable] {
        var order: [Variable] = []
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        var stack: [(node: Variable, nextParent: Int)] = [(self, 0)]
        while let top = stack.last {
            let (node, next) = (top.node, top.nextParent)
            if next < node.parents.count {
                stack[stack.count - 1].nextParent += 1
                let parent = node.parents[next]
                if parent.requiresGrad, visited.insert(ObjectIdentifier(parent)).inserted {
                    stack.append((parent, 0))
                }
            } else {
                stack.removeLast()
                order.append(node)
            }
        }
        return order
    }

    /// total += g, in place when `total` holds a gradient already.
    static func accumulate(_ g: Tensor, into total: inout Tensor?) {
        guard total != nil else { total = g; return }
        precondition(total!.shape == g.shape, "internal: accumulating \(g.shape) into \(total!.shape)")
        g.scalars.withUnsafeBufferPointer { src in
            total!.scalars.withUnsafeMutableBufferPointer { dst in
                for i in 0..<dst.count { dst[i] += src[i] }
            }
        }
    }
}

extension Variable: CustomStringConvertible {
    public var description: String {
        "Variable(\(value)\(requiresGrad ? ", requiresGrad" : ""))"
    }
}
