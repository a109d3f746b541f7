import D2L
import Foundation

/// How `tutor train` shows progress: the plain lines (or nothing until the JSON) by default.
/// A richer display (progress bars, live charts on a terminal) plugs in at `observer(json:)`.
enum TrainOutput {
    /// The observer for this run.
    static func observer(json: Bool) -> TrainingObserver {
        json ? SilentObserver() : EpochLinePrinter()
    }

    /// One epoch as a line: `epoch  1  train loss 0.7845  train acc 0.7336  test acc 0.7890  0.42 s`.
    static func line(_ s: EpochStats) -> String {
        String(format: "epoch %2d  train loss %.4f  train acc %.4f  test acc %.4f  %.2f s",
               s.epoch, s.trainLoss, s.trainAcc, s.testAcc, s.seconds)
    }

    /// The epoch's line, or on a terminal narrower than it two lines cut between the training and
    /// the test figures (so that no figure or label is split by the terminal's own wrapping).
    static func lines(_ s: EpochStats, width: Int) -> [String] {
        let line = line(s)
        guard line.count > width else { return [line] }
        return [String(format: "epoch %2d  train loss %.4f  train acc %.4f", s.epoch, s.trainLoss, s.trainAcc),
                String(format: "          test acc %.4f  %.2f s", s.testAcc, s.seconds)]
    }

    /// `{"epochs":[{"epoch":1,"train_loss":…,"train_acc":…,"test_acc":…,"seconds":…},…],"total_seconds":…}`
    static func json(_ history: [EpochStats], totalSeconds: Double) -> String {
        let epochs = history.map { s in
            "{\"epoch\":\(s.epoch),\"train_loss\":\(number(s.trainLoss)),\"train_acc\":\(number(s.trainAcc)),"
                + "\"test_acc\":\(number(s.testAcc)),\"seconds\":\(number(s.seconds))}"
        }
        return "{\"epochs\":[\(epochs.joined(separator: ","))],\"total_seconds\":\(number(totalSeconds))}"
    }

    /// A JSON number (null for NaN or infinity, which JSON cannot hold: a diverged run).
    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
}

/// Prints each epoch's line as soon as it is done.
final class EpochLinePrinter: TrainingObserver {
    func epochFinished(_ stats: EpochStats) {
        print(TrainOutput.line(stats))
        fflush(nil)
    }
}

final class SilentObserver: TrainingObserver {}
