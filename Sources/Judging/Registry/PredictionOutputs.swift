import D2L
import Lessons

/// The fields of `predict`'s result: one value per image, or a count over the images asked for.
extension OutputSelection {
    /// `predicted`, `label`: per image; `correct`, `wrong`: how many predictions agree with the
    /// label / differ; `wrong_indices`: the test-set indices of the wrong ones, `first_wrong` the
    /// first of them; `wrong_positions`: where the wrong ones are among the images asked for
    /// (0 is the image at `offset`).
    public static let predictionFields = ["predicted", "label", "correct", "wrong", "wrong_indices", "wrong_positions",
                                          "first_wrong"]

    static func pick(_ output: OutputSelector, from predictions: [Prediction], call: String) throws -> CallResult {
        guard predictionFields.contains(output.field) else {
            throw CallError("`\(call)` has no field '\(output.field)'" + suggestion(output.field, predictionFields)
                            + "; its fields are \(predictionFields.joined(separator: ", "))")
        }
        guard output.epoch == .last else { throw CallError("`output: \(output)`: predictions have no epochs") }
        let wrong = predictions.indices.filter { !predictions[$0].isCorrect }
        switch output.field {
        case "predicted": return .tensor(NDArray(vector: predictions.map { Double($0.predicted) }))
        case "label": return .tensor(NDArray(vector: predictions.map { Double($0.label) }))
        case "correct": return .integer(predictions.count - wrong.count)
        case "wrong": return .integer(wrong.count)
        default:
            guard let first = wrong.first else {
                throw CallError("`output: \(output.field)`: the network gets every one of these \(predictions.count) test images right; widen `count`")
            }
            switch output.field {
            case "first_wrong": return .integer(predictions[first].index)
            case "wrong_positions": return .tensor(NDArray(vector: wrong.map(Double.init)))
            default: return .tensor(NDArray(vector: wrong.map { Double(predictions[$0].index) }))
            }
        }
    }
}
