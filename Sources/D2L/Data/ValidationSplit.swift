extension FashionMNIST {
    /// Holds `count` training examples out for validation, drawn at random from `seed`: the result
    /// trains on the remaining training examples (in their original order) and its test split is
    /// the held-out ones, so that `train` reports validation accuracy where it reports test
    /// accuracy, and the real test set stays untouched. The same seed holds out the same examples.
    public func validationSplit(_ count: Int, seed: UInt64 = 0) -> FashionMNIST {
        precondition(count > 0 && count < trainCount,
                     "a validation split takes between 1 and \(trainCount - 1) of the \(trainCount) training examples, not \(count)")
        var order = Array(0..<trainCount)
        var rng = SeededRNG(seed: seed)
        rng.shuffle(&order)
        let heldOut = Array(order.prefix(count))
        var isHeldOut = [Bool](repeating: false, count: trainCount)
        for i in heldOut { isHeldOut[i] = true }
        let kept = (0..<trainCount).filter { !isHeldOut[$0] }
        func images(_ indices: [Int]) -> [UInt8] {
            var out = [UInt8]()
            out.reserveCapacity(indices.count * Self.pixelsPerImage)
            for i in indices { out += trainImages[(i * Self.pixelsPerImage)..<((i + 1) * Self.pixelsPerImage)] }
            return out
        }
        return FashionMNIST(trainImages: images(kept), trainLabels: kept.map { trainLabels[$0] },
                            testImages: images(heldOut), testLabels: heldOut.map { trainLabels[$0] })
    }
}
