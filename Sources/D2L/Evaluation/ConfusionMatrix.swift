/// How often each true class was predicted as each class: row = true label, column = prediction,
/// as `torch.bincount(labels * classes + predicted).reshape(classes, classes)` counts them.
public struct ConfusionMatrix: Sendable, Equatable {
    public let classes: Int
    /// Row-major counts, `classes × classes`.
    public private(set) var counts: [Int]

    /// Counts pairs of true and predicted labels; both must lie in `0 ..< classes`.
    public init(classes: Int, labels: [Int], predicted: [Int]) {
        precondition(classes > 0, "a confusion matrix needs at least one class")
        precondition(labels.count == predicted.count, "\(labels.count) labels but \(predicted.count) predictions")
        self.classes = classes
        counts = [Int](repeating: 0, count: classes * classes)
        for (label, guess) in zip(labels, predicted) {
            precondition((0..<classes).contains(label) && (0..<classes).contains(guess),
                         "labels and predictions must lie in 0..<\(classes), got \(label) and \(guess)")
            counts[label * classes + guess] += 1
        }
    }

    /// The matrix of `predict`'s results (Fashion-MNIST's 10 classes by default).
    public init(_ predictions: [Prediction], classes: Int = FashionMNIST.classCount) {
        self.init(classes: classes, labels: predictions.map(\.label), predicted: predictions.map(\.predicted))
    }

    /// How many examples of class `label` were predicted as `predicted`.
    public subscript(label: Int, predicted: Int) -> Int { counts[label * classes + predicted] }

    /// The number of examples of each true class (the row sums).
    public var support: [Int] {
        (0..<classes).map { row in counts[(row * classes)..<((row + 1) * classes)].reduce(0, +) }
    }

    /// For each class, the fraction of its examples predicted correctly (the diagonal over the
    /// row sums; NaN for a class with no example).
    public var perClassAccuracy: [Double] {
        zip(0..<classes, support).map { row, n in n == 0 ? .nan : Double(self[row, row]) / Double(n) }
    }

    /// For each class, the fraction of the examples predicted as it that belong to it (the
    /// diagonal over the column sums; NaN for a class never predicted).
    public var perClassPrecision: [Double] {
        (0..<classes).map { column in
            let predicted = (0..<classes).reduce(0) { $0 + self[$1, column] }
            return predicted == 0 ? .nan : Double(self[column, column]) / Double(predicted)
        }
    }

    /// The counts as a `[classes, classes]` tensor.
    public var tensor: Tensor { Tensor(shape: [classes, classes], scalars: counts.map(Float.init)) }
}
