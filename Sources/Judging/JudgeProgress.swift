import D2L
import Foundation
import Lessons

/// Reports and stops long work of the judge (training a reference, building learner code).
public protocol JudgeProgress: AnyObject {
    /// `fraction` in 0...1 of the work done, with a short label (`epoch 2/5`, `building`).
    func report(fraction: Double, label: LocalizedText)
    /// True when the learner asked to stop (Ctrl-C).
    var shouldStop: Bool { get }
    /// A training run behind the reference finished epoch `stats.epoch` of `epochs`.
    func epochFinished(_ stats: EpochStats, of epochs: Int)
}

extension JudgeProgress {
    public func epochFinished(_ stats: EpochStats, of epochs: Int) {}
}

/// Turns the library's training callbacks into progress reports. A sweep trains several runs:
/// the fraction restarts with each, the label says where.
final class TrainingProgress: TrainingObserver {
    let progress: JudgeProgress
    let epochs: Int

    init(_ progress: JudgeProgress, epochs: Int) {
        self.progress = progress
        self.epochs = max(epochs, 1)
    }

    func batchFinished(epoch: Int, batch: Int, of batches: Int) {
        let within = batches > 0 ? Double(batch) / Double(batches) : 0
        progress.report(fraction: (Double((epoch - 1) % epochs) + within) / Double(epochs), label: LocalizedText(verbatim: "epoch \(epoch)/\(epochs)"))
    }

    func epochFinished(_ stats: EpochStats) {
        progress.epochFinished(stats, of: epochs)
        progress.report(fraction: Double(((stats.epoch - 1) % epochs) + 1) / Double(epochs),
                        label: LocalizedText(verbatim: "epoch \(stats.epoch)/\(epochs), test acc " + String(format: "%.3f", stats.testAcc)))
    }

    var shouldStop: Bool { progress.shouldStop }
}
