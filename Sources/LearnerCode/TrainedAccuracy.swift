import D2L
import Judging
import RunnerWire

extension CodeChecker {
    /// The test accuracy of the parameters the learner's `train` returned (`inputs` are the
    /// case's: `hiddens`, `test_subset`), measured here with the library, outside the sandbox.
    func trainedAccuracy(_ inputs: [(String, CodeValue)], parameters flat: Tensor) throws -> TrainedAccuracy {
        var hiddens = [256]
        var testCount: Int?
        for (name, value) in inputs {
            if name == "hiddens", case let .integers(h) = value { hiddens = h }
            if name == "test_subset", case let .number(n) = value { testCount = Int(n) }
        }
        let template = MLPParameters.initialize(hiddens: hiddens, seed: 0)
        guard let params = RunnerWire.unflattened(flat, like: template) else {
            return .problem(.failed("your train returned \(flat.count) parameters; the network it was given has \(template.parameterCount)"))
        }
        let test = try judge.environment.data().subset(train: 0, test: testCount)
        guard !test.testLabels.isEmpty else { return .problem(.failed("the test subset is empty")) }
        return .accuracy(NDArray(scalar: evaluateMLPAccuracy(params, images: test.testImages, labels: test.testLabels)))
    }
}

enum TrainedAccuracy {
    case accuracy(NDArray)
    case problem(RunnerFailure)
}
