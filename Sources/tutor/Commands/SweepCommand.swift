import ArgumentParser
import D2L
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor sweep`: the chapter's exercises 1–4 — how do hidden width, depth, learning rate and
/// epochs change the test accuracy? Trains every combination (or a random sample), caches each
/// finished run, and shows a sorted table and a chart of test accuracy against the swept value.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Grid or random search over hidden units, hidden layers, learning rate and epochs.",
        discussion: """
            Every list is comma-separated, e.g. `tutor sweep --hiddens 64,128,256,512 --lr 0.01,0.1,0.5`. \
            --hiddens here lists widths to try (each hidden layer of a run has that width), --layers \
            how many hidden layers. Finished runs are cached (by their settings and the data), so \
            an interrupted sweep resumes and a repeated one is instant; --no-cache retrains.
            """)

    @Option(help: "Hidden layer widths to try.") var hiddens = CommaList<Int>([256])
    @Option(help: "Numbers of hidden layers to try.") var layers = CommaList<Int>([1])
    @Option(parsing: .unconditional, help: "Learning rates to try.") var lr = CommaList<Float>([0.1])
    @Option(help: "Numbers of epochs to try.") var epochs = CommaList<Int>([10])
    @Option(help: ArgumentHelp("Try N random combinations of the values instead of all.", valueName: "N")) var random: Int?
    @Option(help: "Seed of the initial weights, the shuffling and the random search.") var seed: UInt64 = 0
    @Option(help: "Minibatch size.") var batchSize = 256
    @Option(help: "Train on the first N training images only (quick runs).") var trainSubset: Int?
    @Option(help: "Test on the first N test images only.") var testSubset: Int?
    @Option(help: "Trainings run at the same time (each then uses one thread). Default: \(SweepCommand.defaultJobs) (see docs/sweep.md).")
    var jobs = SweepCommand.defaultJobs
    @Option(help: ArgumentHelp("Directory of cached runs (default: $XDG_CACHE_HOME/tutor/runs or ~/.cache/tutor/runs).", valueName: "dir"))
    var cache: String?
    @Flag(help: "Retrain every run (the new results replace the cached ones).") var noCache = false
    @Option(help: ArgumentHelp("Also write the chart as an SVG file.", valueName: "file.svg")) var plot: String?
    @OptionGroup var data: DataOption
    @OptionGroup var validationOption: ValidationOption
    @OptionGroup var languageOption: LanguageOption
    @Flag(help: "Print one JSON object with the runs, best first, instead of the table and chart.") var json = false
    @OptionGroup var colorOption: ColorOption

    /// Two trainings side by side, one thread each: on this 2-core machine 3–14 % faster than one
    /// at a time with two threads when idle, 19–40 % faster when busy, never clearly slower
    /// (benchmarks/sweep-jobs.sh; figures in docs/sweep.md).
    static let defaultJobs = 2

    var grid: SweepGrid { SweepGrid(hiddens: hiddens.values, layers: layers.values, lrs: lr.values, epochs: epochs.values) }
    var base: TrainConfig {
        TrainConfig(epochs: 1, lr: 0.1, hiddens: [1], batchSize: batchSize, seed: seed, trainSubset: trainSubset, testSubset: testSubset)
    }

    func validate() throws {
        if let problem = grid.problem { throw ValidationError(problem) }
        if let problem = base.problem { throw ValidationError(problem) }
        if let random, random < 1 { throw ValidationError("--random must be at least 1, got \(random)") }
        if jobs < 1 || jobs > 64 { throw ValidationError("--jobs must be 1…64, got \(jobs)") }
    }

    func run() throws {
        let dataset: FashionMNIST
        do {
            dataset = try validationOption.apply(to: data.loadDataset(command: "tutor sweep", language: languageOption.language),
                                                 command: "sweep")
        } catch let failure as TutorFailure {
            failure.exit()
        }
        let points = random.map { grid.randomPoints(count: $0, seed: seed) } ?? grid.points
        let color = colorOption.enabled
        let onTerminal = !json && TerminalSize.isTerminal(STDOUT_FILENO) && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        let display = SweepDisplay(total: points.count, batchSize: batchSize, live: onTerminal, quiet: json, color: color)
        let cacheStore = cache.map(RunCache.init(directory:)) ?? RunCache.standard()
        let interrupt = InterruptFlag()
        display.interrupt = interrupt
        interrupt.install()
        defer { interrupt.uninstall() }

        let started = Date()
        let runner = SweepRunner(base: base, jobs: jobs, cache: cacheStore, reuseCached: !noCache)
        // A validation split is other data than the files hold; the checkpoints key it the same way.
        let fromFiles = DataFingerprint.files(directory: data.data).map { files in
            validationOption.validation.map { DataFingerprint.validationSplit(of: files, count: $0, seed: validationOption.validationSeed) } ?? files
        }
        let fingerprint = fromFiles ?? DataFingerprint.contents(dataset)
        let outcomes = try runner.run(points, data: dataset, fingerprint: fingerprint, observer: display)
        display.finish()
        let done = outcomes.compactMap { $0 }
        let seconds = Date().timeIntervalSince(started)

        if json {
            print(SweepReport.json(done, extra: ["jobs": String(jobs), "total_seconds": "\(seconds)",
                                                 "stopped": String(done.count < points.count)]))
        } else {
            let width = max(40, TerminalSize.current().columns - 1)
            print("")
            SweepReport.table(done, width: width).forEach { print($0) }
            if !done.isEmpty {
                print("")
                SweepReport.chart(done, grid: grid).renderText(width: width, height: 14, color: color).forEach { print($0) }
            }
            print("")
            let cachedCount = done.filter(\.cached).count
            print("\(done.count) of \(points.count) runs" + (cachedCount > 0 ? " (\(cachedCount) from the cache)" : "")
                  + String(format: " in %.1f s, %d at a time", seconds, min(jobs, max(1, points.count - cachedCount))))
        }
        if done.count < points.count {
            printError("stopped: \(done.count) of \(points.count) runs finished; run the same command again to resume")
        }
        if let plot, !done.isEmpty {
            do { try SweepReport.chart(done, grid: grid).renderSVG().write(toFile: plot, atomically: true, encoding: .utf8) } catch {
                printError("tutor sweep: cannot write the chart to \(plot): \((error as NSError).localizedDescription)")
                throw ExitCode(1)
            }
            printError("chart written to \(plot)")
        }
        if done.count < points.count { throw ExitCode(130) }
    }
}

/// `64,128,256`: one or more values.
/// What a sweep shows while it runs: a line per finished run; on a terminal also a progress bar
/// per running training, redrawn in place under them.
final class SweepDisplay: SweepObserver {
    let total: Int, batchSize: Int, live: Bool, quiet: Bool, color: Bool
    var interrupt: InterruptFlag?
    private let region = LiveRegion { FileHandle.standardOutput.write(Data($0.utf8)) }
    private var running: [Int: (index: Int, point: SweepPoint, started: Date, bar: ProgressBar)] = [:]
    private var lastDraw = Date.distantPast

    init(total: Int, batchSize: Int, live: Bool, quiet: Bool, color: Bool) {
        self.total = total; self.batchSize = batchSize; self.live = live; self.quiet = quiet; self.color = color
    }

    var shouldStop: Bool { interrupt?.isSet ?? false }

    func runStarted(slot: Int, index: Int, point: SweepPoint) {
        running[slot] = (index, point, Date(), ProgressBar(label: label(index, point), completed: 0, total: 1, elapsed: 0))
        redraw(force: true)
    }

    func batchFinished(slot: Int, index: Int, epoch: Int, batch: Int, of batches: Int) {
        guard live, let run = running[slot] else { return }
        running[slot]?.bar = ProgressBar(label: label(index, run.point), completed: (epoch - 1) * batches + batch,
                                         total: run.point.epochs * batches, elapsed: Date().timeIntervalSince(run.started),
                                         examplesPerStep: batchSize)
        redraw(force: false)
    }

    func runFinished(slot: Int?, index: Int, outcome: SweepOutcome) {
        if let slot { running[slot] = nil }
        guard !quiet else { return }
        let acc = outcome.final.map { String(format: "test acc %.4f", $0.testAcc) } ?? "no epochs"
        let number = "\(String(index + 1).leftPadded(to: String(total).count))/\(total)"
        let time = String(format: "%.1f s", outcome.seconds) + (outcome.cached ? " (cached)" : "")
        var line = "\(number)  \(outcome.point.summary)  \(acc)  \(time)"
        if live, TextWidth.of(line) >= TerminalSize.current().columns {  // the short form on a narrow terminal
            line = "\(number)  \(label(index, outcome.point).split(separator: " ", maxSplits: 1)[1]) e\(outcome.point.epochs)  \(acc)  \(time)"
        }
        if live { region.printAbove([line]); redraw(force: true) } else { print(line); fflush(nil) }
    }

    func finish() { if live { region.clear() } }

    private func label(_ index: Int, _ p: SweepPoint) -> String {
        "\(index + 1)/\(total) h\(p.hidden)\(p.layers > 1 ? "×\(p.layers)" : "") lr \(compactNumber(Double(p.lr)))"
    }

    private func redraw(force: Bool) {
        guard live else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let columns = TerminalSize.current().columns
        region.noteWidth(columns)
        let width = max(20, columns - 1)
        region.update(running.keys.sorted().map { running[$0]!.bar.render(width: width, color: color) })
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
