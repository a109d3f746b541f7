import D2L
import Foundation
import TerminalMarkdown
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI
@testable import tutor

/// A small learnable data set: class c lights up rows 2c…2c+2 of the image, plus seeded noise.
private func bandsDataset(train: Int = 300, test: Int = 100) -> FashionMNIST {
    var rng = SeededRNG(seed: 42)
    func make(_ n: Int) -> ([UInt8], [UInt8]) {
        var images: [UInt8] = [], labels: [UInt8] = []
        for i in 0..<n {
            let c = i % 10
            labels.append(UInt8(c))
            for p in 0..<784 {
                let row = p / 28
                let base = (row >= 2 * c + 4 && row < 2 * c + 7) ? 200 : 20
                images.append(UInt8(min(255, base + Int(rng.next() % 40))))
            }
        }
        return (images, labels)
    }
    let (trI, trL) = make(train), (teI, teL) = make(test)
    return FashionMNIST(trainImages: trI, trainLabels: trL, testImages: teI, testLabels: teL)
}

private final class TempCache {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("sweep-tests-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(atPath: path) }
    var files: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] }
}

/// Records what the runner reports, and can stop it after some batches.
private final class SweepRecorder: SweepObserver {
    var finished: [(slot: Int?, index: Int)] = []
    /// The trainer's worker threads as each run started.
    var workersAtStart: [Int?] = []
    var batches = 0
    var stopAfterBatches: Int?
    func runStarted(slot: Int, index: Int, point: SweepPoint) { workersAtStart.append(TrainingThreads.workers) }
    func batchFinished(slot: Int, index: Int, epoch: Int, batch: Int, of: Int) { batches += 1 }
    func runFinished(slot: Int?, index: Int, outcome: SweepOutcome) { finished.append((slot, index)) }
    var shouldStop: Bool { stopAfterBatches.map { batches >= $0 } ?? false }
}

@Suite struct SweepGridTests {
    let grid = SweepGrid(hiddens: [64, 128], layers: [1, 2], lrs: [0.1, 0.5], epochs: [3])

    @Test func gridTriesEveryCombinationInOrder() {
        let points = grid.points
        #expect(points.count == 8)
        #expect(points.first == SweepPoint(hidden: 64, layers: 1, lr: 0.1, epochs: 3))
        #expect(points[1] == SweepPoint(hidden: 64, layers: 1, lr: 0.5, epochs: 3))
        #expect(points.last == SweepPoint(hidden: 128, layers: 2, lr: 0.5, epochs: 3))
        #expect(points[3].config(base: TrainConfig(batchSize: 32)).hiddens == [64, 64])
        #expect(grid.sweptDimensions == [.hidden, .lr, .layers])
    }

    @Test func randomSearchIsASeededSampleOfTheGrid() {
        let a = grid.randomPoints(count: 3, seed: 1), b = grid.randomPoints(count: 3, seed: 1)
        #expect(a == b && a.count == 3 && Set(a).count == 3)
        #expect(a.allSatisfy(grid.points.contains))
        #expect((0..<20).map { grid.randomPoints(count: 3, seed: UInt64($0)) }.contains { $0 != a })
        #expect(grid.randomPoints(count: 50, seed: 0) == grid.points)
    }

    @Test func badValuesAreNamed() {
        #expect(SweepGrid(hiddens: [0], layers: [1], lrs: [0.1], epochs: [1]).problem?.contains("hidden") == true)
        #expect(SweepGrid(hiddens: [8], layers: [1], lrs: [-1], epochs: [1]).problem?.contains("learning rates") == true)
        #expect(grid.problem == nil)
    }
}

@Suite(.serialized) struct SweepRunnerTests {
    let data = bandsDataset()
    var fingerprint: String { DataFingerprint.contents(data) }
    let base = TrainConfig(epochs: 1, lr: 0.5, hiddens: [8], batchSize: 50, seed: 3)
    let grid = SweepGrid(hiddens: [8, 16], layers: [1], lrs: [0.1, 0.5], epochs: [2])

    @Test func tinySweepReturnsItsTableAndCachesIt() throws {
        let cache = TempCache()
        let runner = SweepRunner(base: base, jobs: 1, cache: RunCache(directory: cache.path))
        let outcomes = try runner.run(grid.points, data: data, fingerprint: fingerprint).compactMap { $0 }
        #expect(outcomes.count == 4)
        #expect(outcomes.allSatisfy { !$0.cached && $0.history.count == 2 })
        // The bands are easy: the best run learns them.
        #expect(SweepReport.sorted(outcomes)[0].final!.testAcc > 0.5)
        #expect(cache.files.count == 4)

        let table = SweepReport.table(outcomes, width: 100)
        #expect(table.count == 5)
        #expect(table[0].hasPrefix("#  hidden  layers  lr   epochs  test acc  train acc  train loss  time"))
        let accs = table.dropFirst().map { Double($0.split(separator: " ", omittingEmptySubsequences: true)[5])! }
        #expect(accs == accs.sorted(by: >))

        // Again: everything from the cache, the same figures, no training.
        let recorder = SweepRecorder()
        let again = try runner.run(grid.points, data: data, fingerprint: fingerprint, observer: recorder).compactMap { $0 }
        #expect(again.allSatisfy { $0.cached })
        #expect(again.map(\.history) == outcomes.map(\.history))
        #expect(recorder.batches == 0 && recorder.finished.allSatisfy { $0.slot == nil })
    }

    @Test func anInterruptedSweepResumes() throws {
        let cache = TempCache()
        let runner = SweepRunner(base: base, jobs: 1, cache: RunCache(directory: cache.path))
        let stopper = SweepRecorder()
        stopper.stopAfterBatches = 15   // 6 batches per epoch, 12 per run: stops inside the 2nd run
        let partial = try runner.run(grid.points, data: data, fingerprint: fingerprint, observer: stopper)
        #expect(partial.map { $0 != nil } == [true, false, false, false])
        #expect(cache.files.count == 1)

        let recorder = SweepRecorder()
        let resumed = try runner.run(grid.points, data: data, fingerprint: fingerprint, observer: recorder)
        #expect(resumed.map { $0?.cached } == [true, false, false, false])
        #expect(recorder.batches == 3 * 12)
    }

    @Test func parallelRunsGiveTheSameResults() throws {
        let one = try SweepRunner(base: base, jobs: 1, cache: nil).run(grid.points, data: data, fingerprint: fingerprint).compactMap { $0 }
        let recorder = SweepRecorder()
        let two = try SweepRunner(base: base, jobs: 2, cache: nil).run(grid.points, data: data, fingerprint: fingerprint, observer: recorder).compactMap { $0 }
        #expect(two.count == 4)
        // Which slot takes which run depends on the scheduler; that each run trains with one
        // worker, so two runs share the cores, does not.
        #expect(recorder.finished.allSatisfy { $0.slot.map { (0..<2).contains($0) } == true })
        #expect(recorder.workersAtStart == [1, 1, 1, 1])
        for (a, b) in zip(one, two) {
            #expect(a.point == b.point)
            // One worker or two sum the same numbers in another order: equal up to rounding.
            #expect(abs(a.final!.trainLoss - b.final!.trainLoss) < 1e-3)
        }
    }

    @Test func theCacheKeyCoversWhatTheResultDependsOn() {
        let k = RunCache.key(base, dataFingerprint: fingerprint)
        var other = base; other.seed = 4
        #expect(RunCache.key(other, dataFingerprint: fingerprint) != k)
        other = base; other.trainSubset = 100
        #expect(RunCache.key(other, dataFingerprint: fingerprint) != k)
        #expect(RunCache.key(base, dataFingerprint: DataFingerprint.contents(data.subset(train: 299, test: nil))) != k)
        #expect(DataFingerprint.contents(bandsDataset()) == fingerprint)
    }
}

@Suite struct SweepReportTests {
    static func outcome(_ h: Int, _ lr: Float, _ acc: Double, cached: Bool = false) -> SweepOutcome {
        SweepOutcome(point: SweepPoint(hidden: h, layers: 1, lr: lr, epochs: 10),
                     history: [EpochStats(epoch: 10, trainLoss: 0.4 - acc / 10, trainAcc: acc + 0.01, testAcc: acc, seconds: 2)],
                     seconds: 20.5, cached: cached)
    }
    let outcomes = [outcome(64, 0.1, 0.831), outcome(256, 0.1, 0.846, cached: true), outcome(64, 0.5, 0.842), outcome(256, 0.5, 0.851)]

    @Test func theTableIsSortedAndFitsTheWidth() {
        Golden.check(SweepReport.table(outcomes, width: 80) + [""] + SweepReport.table(outcomes, width: 50), "sweep-table")
        #expect(SweepReport.table(outcomes, width: 50).allSatisfy { TextWidth.of($0) <= 50 })
    }

    @Test func chartHasOneSeriesPerOtherSetting() {
        let grid = SweepGrid(hiddens: [64, 256], layers: [1], lrs: [0.1, 0.5], epochs: [10])
        let chart = SweepReport.chart(outcomes, grid: grid)
        #expect(chart.series.map(\.name) == ["lr 0.1", "lr 0.5"])
        #expect(chart.series[1].points == [ChartPoint(x: 64, y: 0.842), ChartPoint(x: 256, y: 0.851)])
        #expect(chart.xScale == .log && chart.xLabel == "hidden units")
        Golden.check(chart.renderText(width: 50, height: 12, color: false), "sweep-chart-50x12")
    }

    @Test func jsonParsesBestFirst() throws {
        let json = SweepReport.json(outcomes, extra: ["jobs": "2"])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let runs = object["runs"] as! [[String: Any]]
        #expect(runs.map { $0["test_acc"] as! Double } == [0.851, 0.846, 0.842, 0.831])
        #expect(runs[1]["cached"] as! Bool == true)
        #expect(object["jobs"] as! Int == 2)
    }
}
