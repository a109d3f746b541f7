import Testing
@testable import D2L

@Suite struct ConfusionMatrixTests {
    @Test func countsAndPerClassAccuracyMatchPyTorch() {
        let ref = ReferenceFixture.shared.confusion
        let predicted = Tensor(ref.logits).argmax(axis: 1)
        #expect(predicted == ref.predicted)
        let matrix = ConfusionMatrix(classes: ref.classes, labels: ref.labels, predicted: predicted)
        #expect(matrix.counts == ref.matrix.flatMap { $0 })
        #expect(matrix.support == ref.matrix.map { $0.reduce(0, +) })
        for (mine, theirs) in zip(matrix.perClassAccuracy, ref.per_class_accuracy) { #expect(abs(mine - theirs) < 1e-12) }
        #expect(matrix.perClassPrecision.count == ref.per_class_precision.count)
        for (mine, theirs) in zip(matrix.perClassPrecision, ref.per_class_precision) { #expect(abs(mine - theirs) < 1e-12) }
        #expect(matrix.tensor.shape == [ref.classes, ref.classes])
    }

    @Test func rowsAreTrueLabelsAndColumnsPredictions() {
        let predictions = [Prediction(index: 0, label: 4, predicted: 2), Prediction(index: 1, label: 4, predicted: 4),
                           Prediction(index: 2, label: 2, predicted: 2)]
        let matrix = ConfusionMatrix(predictions)
        #expect(matrix.classes == 10)
        #expect(matrix[4, 2] == 1 && matrix[2, 4] == 0 && matrix[4, 4] == 1 && matrix[2, 2] == 1)
        #expect(matrix.perClassAccuracy[4] == 0.5 && matrix.perClassAccuracy[2] == 1)
        #expect(matrix.perClassAccuracy[0].isNaN)
        // Column 2 holds two predictions of "2", one of them right; class 0 is never predicted.
        #expect(matrix.perClassPrecision[2] == 0.5 && matrix.perClassPrecision[4] == 1)
        #expect(matrix.perClassPrecision[0].isNaN)
    }
}
