import D2L
import Foundation
import Testing
@testable import Judging
@testable import Lessons

private let base = "epochs: 2, hiddens: [16], batch_size: 50, train_subset: 600, test_subset: 200"

@Test(.enabled(if: fashionMNISTInstalled)) func aSweepOverSeedsReportsEachCandidatesMean() throws {
    guard case let .runs(mean) = try run("sweep", "{vary: {lr: [0.1, 0.5]}, seeds: [0, 1], \(base)}"),
          case let .runs(first) = try run("sweep", "{vary: {lr: [0.1, 0.5]}, seed: 0, \(base)}"),
          case let .runs(second) = try run("sweep", "{vary: {lr: [0.1, 0.5]}, seed: 1, \(base)}") else {
        Issue.record("no runs"); return
    }
    #expect(first != second)
    for r in 0..<2 {
        for e in 0..<2 {
            #expect(abs(mean[r][e].testAcc - (first[r][e].testAcc + second[r][e].testAcc) / 2) < 1e-12)
            // The loss's last digits depend on how many threads trained the run.
            #expect(abs(mean[r][e].trainLoss - (first[r][e].trainLoss + second[r][e].trainLoss) / 2) < 1e-5)
        }
    }
    #expect(throws: CallError.self) { try run("sweep", "{vary: {lr: [0.1]}, seeds: [0, 1], seed: 2, \(base)}") }
    #expect(throws: CallError.self) { try run("sweep", "{vary: {lr: [0.1]}, seeds: [], \(base)}") }
}

@Test(.enabled(if: fashionMNISTInstalled)) func retrainBestTrainsTheWinnerAgainOnEveryTrainingImage() throws {
    let dir = temporaryDirectory("retrain-cache")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let environment = CallEnvironment(dataDirectory: nil, cache: RunCache(directory: dir))
    let flow = "{vary: {lr: [0.02, 0.5]}, seeds: [3, 4], \(base), validation: 5000}"
    let args = try #require(spec("call: retrain_best\nargs: \(flow)\noutput: test_acc\nexpect: number\nprompt: p")).args
    #expect(CallRegistry.standard.isExpensive("retrain_best", args: args, environment: environment))

    guard case let .runs(means) = try run("sweep", flow, context: CallContext(environment)),
          case let .history(retrained) = try run("retrain_best", flow, context: CallContext(environment)) else {
        Issue.record("no runs"); return
    }
    let winner = means[0].last!.testAcc >= means[1].last!.testAcc ? "0.02" : "0.5"
    guard case let .history(direct) = try run("train", "{lr: \(winner), seed: 3, \(base)}"),
          case let .history(held) = try run("train", "{lr: \(winner), seed: 3, \(base), validation: 5000}") else { return }
    func figures(_ h: [EpochStats]) -> [[Double]] { h.map { [$0.trainLoss, $0.trainAcc, $0.testAcc] } }   // not the seconds
    func close(_ a: [EpochStats], _ b: [EpochStats]) -> Bool {
        zip(figures(a).joined(), figures(b).joined()).allSatisfy { abs($0 - $1) < 1e-5 }
    }
    #expect(close(retrained, direct), "\(figures(retrained)) \(figures(direct))")
    #expect(!close(retrained, held))
    let winnersMean = means[winner == "0.02" ? 0 : 1].last!.testAcc
    #expect(try run("search_best_validation", flow, context: CallContext(environment)) == .number(winnersMean))
    // Once the sweep and the winner are cached, judging it trains nothing.
    #expect(!CallRegistry.standard.isExpensive("retrain_best", args: args, environment: environment))
}

@Test func theRunThatDivergedHasTheHighestTrainingLoss() throws {
    func run(_ loss: Double) -> [EpochStats] { [EpochStats(epoch: 1, trainLoss: loss, trainAcc: 0, testAcc: 0.1, seconds: 0)] }
    let select = { (runs: [[EpochStats]]) in
        try OutputSelection.select(.runs(runs), output: OutputSelector(parsing: "highest_train_loss"), call: "sweep")
    }
    #expect(try select([run(0.5), run(2.3), run(0.4)]) == .integer(1))
    #expect(try select([run(0.5), run(.nan), run(2.3)]) == .integer(1))
}

@Test func theGapIsTrainingMinusTestAccuracy() throws {
    let history = [EpochStats(epoch: 1, trainLoss: 0.6, trainAcc: 0.80, testAcc: 0.82, seconds: 1),
                   EpochStats(epoch: 2, trainLoss: 0.4, trainAcc: 0.90, testAcc: 0.85, seconds: 1)]
    func gap(_ output: String) throws -> CallResult {
        try OutputSelection.select(.history(history), output: OutputSelector(parsing: output), call: "train")
    }
    guard case let .number(last) = try gap("gap"), case let .number(first) = try gap("gap[1]") else {
        Issue.record("no number"); return
    }
    #expect(abs(last - 0.05) < 1e-12 && abs(first + 0.02) < 1e-12)
}
