import D2L
import Lessons

/// Where a network goes wrong: its confusion matrix and accuracy per class on the test set.
enum EvaluationCalls {
    static let all: [CallDefinition] = [
        CallDefinition(name: "confusion_matrix",
                       summary: "how often each true class (row) was predicted as each class (column), on the test set",
                       parameters: LibraryCalls.trainParameters,
                       trainings: LibraryCalls.trainingIfEpochs) { args in
            .tensor(NDArray(try matrix(args).tensor))
        },
        CallDefinition(name: "per_class_accuracy",
                       summary: "for each class (or the one `class`), the fraction of its test images predicted correctly",
                       parameters: LibraryCalls.trainParameters + ["class"],
                       trainings: LibraryCalls.trainingIfEpochs) { args in
            try oneClassOrAll(args, try matrix(args).perClassAccuracy)
        },
        CallDefinition(name: "per_class_precision",
                       summary: "for each class (or the one `class`), the fraction of the test images predicted as it that belong to it",
                       parameters: LibraryCalls.trainParameters + ["class"],
                       trainings: LibraryCalls.trainingIfEpochs) { args in
            try oneClassOrAll(args, try matrix(args).perClassPrecision)
        },
    ]

    /// One value per class, or with `class: c` the value of class c alone.
    static func oneClassOrAll(_ args: CallArgs, _ values: [Double]) throws -> CallResult {
        guard args.has("class") else { return .tensor(NDArray(vector: values)) }
        let c = try args.int("class")
        guard c < values.count else { throw args.bad("class", "there are \(values.count) classes, 0 to \(values.count - 1)") }
        return .number(values[c])
    }

    /// The confusion matrix of the net (trained for `epochs`, 0 = untrained) on the test images
    /// (the first `test_subset` of them).
    static func matrix(_ args: CallArgs) throws -> ConfusionMatrix {
        let (params, data) = try LibraryCalls.paramsForEvaluation(args)
        guard data.testCount > 0 else { throw CallError("the test split is empty") }
        return ConfusionMatrix(predictMLP(params, data: data, count: data.testCount))
    }
}
