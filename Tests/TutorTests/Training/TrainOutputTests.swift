import D2L
import Testing
@testable import tutor

/// `tutor train`'s epoch lines on terminals of any width.
@Suite struct TrainOutputTests {
    let stats = EpochStats(epoch: 3, trainLoss: 0.51976, trainAcc: 0.819, testAcc: 0.8106, seconds: 0.1302)

    @Test func aWideTerminalGetsTheOneLine() {
        #expect(TrainOutput.lines(stats, width: 79) == [TrainOutput.line(stats)])
        #expect(TrainOutput.line(stats) == "epoch  3  train loss 0.5198  train acc 0.8190  test acc 0.8106  0.13 s")
    }

    @Test func aFiftyColumnTerminalGetsTwoLinesThatFit() {
        let lines = TrainOutput.lines(stats, width: 49)
        #expect(lines == ["epoch  3  train loss 0.5198  train acc 0.8190", "          test acc 0.8106  0.13 s"])
        #expect(lines.allSatisfy { $0.count <= 49 })
    }
}
