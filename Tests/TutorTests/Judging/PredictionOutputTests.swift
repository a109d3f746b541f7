import D2L
import Foundation
import Testing
@testable import Judging
@testable import Lessons

/// The outputs of `predict`: which images are wrong, counted and located.
@Suite struct PredictionOutputTests {
    static func select(_ predictions: [Prediction], _ output: String) throws -> CallResult {
        try OutputSelection.select(.predictions(predictions), output: OutputSelector(parsing: output), call: "predict")
    }

    /// The wrong predictions of the fixture's 24 logits, as torch finds them:
    /// `(logits.argmax(1) != labels).nonzero()` (scripts/pytorch_reference.py).
    @Test func wrongIndicesAreTheOnesTorchFinds() throws {
        let url = CourseFiles.packageRoot.appendingPathComponent("Tests/D2LTests/Fixtures/pytorch_reference.json")
        let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let confusion = try #require(fixture?["confusion"] as? [String: Any])
        let labels = try #require(confusion["labels"] as? [Int]), logits = try #require(confusion["logits"] as? [[Double]])
        let torchWrong = try #require(confusion["wrong_indices"] as? [Int])
        let predicted = Tensor(logits.map { $0.map(Float.init) }).argmax(axis: 1)
        let predictions = labels.indices.map { Prediction(index: $0, label: labels[$0], predicted: predicted[$0]) }
        #expect(try Self.select(predictions, "wrong_indices") == .tensor(NDArray(vector: torchWrong.map(Double.init))))
        #expect(try Self.select(predictions, "wrong") == .integer(torchWrong.count))
        #expect(try Self.select(predictions, "correct") == .integer(labels.count - torchWrong.count))
        #expect(try Self.select(predictions, "first_wrong") == .integer(torchWrong[0]))
    }

    /// Indices count in the test set, positions among the images asked for.
    @Test func indicesArePositionsPlusTheOffset() throws {
        let predictions = [(12, 7, 5), (13, 2, 2), (14, 4, 2), (15, 9, 9), (16, 4, 2)].map {
            Prediction(index: $0.0, label: $0.1, predicted: $0.2)
        }
        #expect(try Self.select(predictions, "wrong_indices") == .tensor(NDArray(vector: [12, 14, 16])))
        #expect(try Self.select(predictions, "wrong_positions") == .tensor(NDArray(vector: [0, 2, 4])))
        #expect(try Self.select(predictions, "first_wrong") == .integer(12))
        #expect(try Self.select(predictions, "wrong") == .integer(3))
        #expect(try Self.select(predictions, "predicted") == .tensor(NDArray(vector: [5, 2, 2, 9, 2])))
    }

    @Test func noWrongPredictionIsAnAuthoringErrorForTheFieldsThatNeedOne() throws {
        let right = [Prediction(index: 0, label: 9, predicted: 9), Prediction(index: 1, label: 2, predicted: 2)]
        #expect(try Self.select(right, "wrong") == .integer(0))
        for field in ["wrong_indices", "wrong_positions", "first_wrong"] {
            #expect { try Self.select(right, field) } throws: { error in
                "\(error)".contains("every one of these 2 test images right") && "\(error)".contains("count")
            }
        }
        #expect(throws: CallError.self) { try Self.select(right, "wrong[2]") }
        #expect { try Self.select(right, "wrong_index") } throws: { "\($0)".contains("wrong_indices") }
    }

    /// `classes` keeps the images of those true classes, in order, before any field is counted.
    @Test(.enabled(if: fashionMNISTInstalled)) func classesKeepTheImagesOfThoseTrueClasses() throws {
        guard case let .predictions(all) = try run("predict", "{count: 40, offset: 5}"),
              case let .predictions(some) = try run("predict", "{count: 40, offset: 5, classes: [0, 2, 4, 6]}") else {
            Issue.record("no predictions"); return
        }
        #expect(some == all.filter { [0, 2, 4, 6].contains($0.label) })
        #expect(!some.isEmpty && some.count < all.count)
        #expect(throws: CallError.self) { try run("predict", "{count: 4, classes: [10]}") }
        #expect(throws: CallError.self) { try run("predict", "{count: 4, classes: [-1]}") }
    }

    @Test func bestMinusLastIsHowFarTheBestTestAccuracyIsAboveTheLast() throws {
        let history = [0.70, 0.86, 0.81, 0.84, 0.83].enumerated().map {
            EpochStats(epoch: $0.offset + 1, trainLoss: 0.5, trainAcc: 0.9, testAcc: $0.element, seconds: 0)
        }
        func select(_ output: String, _ h: [EpochStats] = history) throws -> CallResult {
            try OutputSelection.select(.history(h), output: OutputSelector(parsing: output), call: "train")
        }
        #expect(try select("best_minus_last") == .number(0.86 - 0.83))
        #expect(try select("best_minus_last", Array(history.prefix(2))) == .number(0))
        #expect(throws: CallError.self) { try select("best_minus_last[2]") }
    }
}
