import ArgumentParser
import D2L
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// The options `tutor train` adds for watching and keeping a run: `--plot`, `--save`, `--color`.
struct TrainVisualOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Also write the loss/accuracy chart as an SVG file.", valueName: "file.svg"))
    var plot: String?
    @Option(name: .long, help: ArgumentHelp("Save the trained parameters (see docs/parameter-file.md).", valueName: "file"))
    var save: String?
    @OptionGroup var colorOption: ColorOption

    /// The observer for a run: on a terminal (and without `--json`) a progress bar and a live
    /// chart redrawn in place; otherwise the plain epoch lines (or nothing, for `--json`).
    func observer(json: Bool, config: TrainConfig) -> TrainObserverBox {
        if !json, TerminalSize.isTerminal(STDOUT_FILENO), ProcessInfo.processInfo.environment["TERM"] != "dumb" {
            return TrainObserverBox(LiveTrainingDisplay(config: config, color: colorOption.enabled))
        }
        return TrainObserverBox(TrainOutput.observer(json: json))
    }

    /// After training: writes the chart and the parameters when asked, saying so on stderr.
    func finish(_ result: TrainResult, config: TrainConfig) throws {
        if let plot {
            let chart = TrainingChart.chart(result.history, epochs: config.epochs, title: TrainingChart.title(config))
            do {
                try chart.renderSVG().write(toFile: plot, atomically: true, encoding: .utf8)
            } catch {
                printError("tutor train: cannot write the chart to \(plot): \((error as NSError).localizedDescription)")
                throw ExitCode(1)
            }
            printError("chart written to \(plot)")
        }
        if let save {
            do { try ParameterFile.write(result.params, to: save) } catch {
                printError("tutor train: \(error)")
                throw ExitCode(1)
            }
            printError("parameters written to \(save)")
        }
    }
}

/// An observer plus the clean-up it needs at the end (the live display leaves its last frame).
struct TrainObserverBox {
    let observer: TrainingObserver
    private let interrupt = InterruptFlag()

    init(_ observer: TrainingObserver) { self.observer = observer }

    /// Trains with Ctrl-C stopping the run gracefully (the epochs done so far are kept).
    func train(_ config: TrainConfig, data: FashionMNIST) throws -> TrainResult {
        let stoppable = StoppableObserver(inner: observer, interrupt: interrupt)
        interrupt.install()
        defer { interrupt.uninstall() }
        let result = try D2L.trainMLP(config, data: data, observer: stoppable)
        (observer as? LiveTrainingDisplay)?.finish()
        if result.stopped { printError("stopped after \(result.history.count) of \(config.epochs) epochs") }
        return result
    }
}

/// Forwards to another observer and stops the run when Ctrl-C was pressed.
final class StoppableObserver: TrainingObserver {
    let inner: TrainingObserver
    let interrupt: InterruptFlag
    init(inner: TrainingObserver, interrupt: InterruptFlag) { self.inner = inner; self.interrupt = interrupt }
    func batchFinished(epoch: Int, batch: Int, of batches: Int) { inner.batchFinished(epoch: epoch, batch: batch, of: batches) }
    func epochFinished(_ stats: EpochStats) { inner.epochFinished(stats) }
    var shouldStop: Bool { interrupt.isSet || inner.shouldStop }
}

/// The book's training chart: train loss, train acc, test acc against the epoch.
enum TrainingChart {
    static func chart(_ history: [EpochStats], epochs: Int, title: String? = nil) -> LineChart {
        let styles = LineChart.trainingStyles
        return LineChart(series: [
            ChartSeries(name: "train loss", values: history.map(\.trainLoss), color: styles[0].0, marker: styles[0].1),
            ChartSeries(name: "train acc", values: history.map(\.trainAcc), color: styles[1].0, marker: styles[1].1),
            ChartSeries(name: "test acc", values: history.map(\.testAcc), color: styles[2].0, marker: styles[2].1),
        ], xLabel: "epoch", title: title, xRange: 1...Double(max(2, epochs)), integerX: true)
    }

    /// "784-256-10, lr 0.1, batch 256, seed 0".
    static func title(_ c: TrainConfig) -> String {
        let layers = ([FashionMNIST.pixelsPerImage] + c.hiddens + [FashionMNIST.classCount]).map(String.init).joined(separator: "-")
        return "\(layers), lr \(compactNumber(Double(c.lr))), batch \(c.batchSize), seed \(c.seed)"
    }
}

/// `tutor train` on a terminal: the epoch lines scroll as usual, and under them a chart of
/// the epochs so far and a progress bar over the current epoch's batches are redrawn in place.
final class LiveTrainingDisplay: TrainingObserver {
    private let config: TrainConfig
    private let color: Bool
    /// `tutor predict` trains with a bare progress bar: no chart, no epoch lines.
    private let progressOnly: Bool
    private let region = LiveRegion { text in
        FileHandle.standardOutput.write(Data(text.utf8))
    }
    private var history: [EpochStats] = []
    private var epochStart = Date()
    private var lastDraw = Date.distantPast
    private var progress: ProgressBar?

    init(config: TrainConfig, color: Bool, progressOnly: Bool = false) {
        self.config = config
        self.color = color
        self.progressOnly = progressOnly
        region.update(frame())
    }

    func batchFinished(epoch: Int, batch: Int, of batches: Int) {
        let now = Date()
        if batch == 1 && epoch == 1 { epochStart = now.addingTimeInterval(-0.001) }
        progress = ProgressBar(label: "epoch \(epoch)/\(config.epochs)", completed: batch, total: batches,
                               elapsed: now.timeIntervalSince(epochStart), examplesPerStep: config.batchSize)
        // Redrawing is cheap but not free: about ten times a second, and at the last batch.
        guard now.timeIntervalSince(lastDraw) >= 0.1 || batch == batches else { return }
        lastDraw = now
        region.update(frame())
    }

    func epochFinished(_ stats: EpochStats) {
        history.append(stats)
        progress = nil
        epochStart = Date()
        if !progressOnly { region.printAbove(TrainOutput.lines(stats, width: TerminalSize.current().columns - 1)) }
        region.update(frame())
    }

    /// Leaves the final chart on screen (without the progress bar).
    func finish() {
        progress = nil
        if progressOnly { region.clear(); return }
        region.update(frame())
        region.finish()
    }

    /// The chart sized to the terminal, and the progress bar under it while an epoch runs.
    private func frame() -> [String] {
        let size = TerminalSize.current()
        region.noteWidth(size.columns)
        let width = max(20, size.columns - 1)  // never the last column: no pending wrap
        var lines: [String] = []
        let chartHeight = min(18, size.rows - 9)
        if chartHeight >= 8 && !progressOnly {
            lines = TrainingChart.chart(history, epochs: config.epochs).renderText(width: width, height: chartHeight, color: color)
        }
        if let progress {
            lines.append(progress.render(width: width, color: color))
        } else if progressOnly {
            lines.append("epoch \(history.count + 1)/\(config.epochs) …")
        } else if !lines.isEmpty, history.count < config.epochs {
            lines.append(history.isEmpty ? "starting…" : "")
        }
        return lines
    }
}
