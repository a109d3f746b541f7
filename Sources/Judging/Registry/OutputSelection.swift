import D2L
import Lessons

/// Picks the reference out of a call's result (`output:`) and checks that it fits `expect`.
public enum OutputSelection {
    /// Fields of a training history record; `gap` is train_acc − test_acc, how far the network
    /// fits its training images better than unseen ones.
    /// `best_epoch` and `best_minus_last` are not per-epoch fields: the number of the epoch with
    /// the highest test_acc, and how far that test_acc is above the last epoch's.
    public static let historyFields = ["train_loss", "train_acc", "test_acc", "gap", "seconds", "epoch", "best_epoch",
                                       "best_minus_last"]

    /// The value `output` selects from `result` (the whole result when it is not structured).
    public static func select(_ result: CallResult, output: OutputSelector?, call: String) throws -> CallResult {
        switch result {
        case let .tensor(t):
            guard let output else { return result }
            return .integer(try extremeIndex(output, of: t, call: call))
        case .number, .integer, .shape:
            if let output { throw CallError("`\(call)` returns one value; remove `output: \(output)`") }
            return result
        case let .history(history):
            guard let output else {
                throw CallError("`\(call)` returns a training history: add `output:`, e.g. `output: test_acc` (last epoch) or `test_acc[3]`")
            }
            return try pick(output, from: history)
        case let .runs(runs):
            guard let output else {
                throw CallError("`\(call)` returns one run per value: add `output: best` (index of the best run) or `output: test_acc`")
            }
            if let index = try runIndex(output, of: runs) { return .integer(index) }
            guard output.epoch == .last else { throw CallError("a sweep compares the last epochs: write `output: \(output.field)`") }
            let values = try runs.map { run -> Double in
                switch try pick(output, from: run) {
                case let .number(x): return x
                case let .integer(n): return Double(n)
                default: return .nan
                }
            }
            return .tensor(NDArray(vector: values))
        case let .predictions(predictions):
            guard let output else { throw CallError("`\(call)` returns predictions: add `output: predicted`, `label`, `correct` or `wrong_indices`") }
            return try pick(output, from: predictions, call: call)
        }
    }

    static func pick(_ output: OutputSelector, from history: [EpochStats]) throws -> CallResult {
        guard historyFields.contains(output.field) else {
            throw CallError("a training history has no field '\(output.field)'" + suggestion(output.field, historyFields)
                            + "; its fields are \(historyFields.joined(separator: ", "))")
        }
        guard !history.isEmpty else { throw CallError("the training history is empty") }
        if output.field == "best_epoch" || output.field == "best_minus_last" {
            guard output.epoch == .last else {
                throw CallError("`output: \(output.field)` takes no epoch: it compares the epoch with the highest test_acc with the others")
            }
            let best = history.indices.max { history[$0].testAcc < history[$1].testAcc || (history[$0].testAcc == history[$1].testAcc && $0 > $1) } ?? 0
            return output.field == "best_epoch" ? .integer(best + 1) : .number(history[best].testAcc - history[history.count - 1].testAcc)
        }
        func value(_ s: EpochStats) -> Double {
            switch output.field {
            case "train_loss": return s.trainLoss
            case "train_acc": return s.trainAcc
            case "test_acc": return s.testAcc
            case "gap": return s.trainAcc - s.testAcc
            case "seconds": return s.seconds
            default: return Double(s.epoch)
            }
        }
        switch output.epoch {
        case .last: return .number(value(history[history.count - 1]))
        case .all: return .tensor(NDArray(vector: history.map(value)))
        case let .number(n):
            let index = n > 0 ? n - 1 : history.count + n
            guard history.indices.contains(index) else {
                throw CallError("`output: \(output)`: the run has \(history.count) epochs (1 to \(history.count), or -1 to -\(history.count))")
            }
            return .number(value(history[index]))
        }
    }

    /// The reference for a checkpoint expecting `kind`, from a selected result.
    public static func reference(_ selected: CallResult, kind: ExpectKind, choices: [String]) throws -> ReferenceValue {
        switch (kind, selected) {
        case (.shape, .shape(let s)): return .shape(s)
        case (.shape, _): throw CallError("`expect: shape` needs a call that returns a shape (use `call: shape`)")
        case (_, .shape(let s)):
            if kind == .tensor { return .array(NDArray(vector: s.map(Double.init))) }
            throw CallError("this call returns a shape: use `expect: shape`")
        case (.tensor, .tensor(let a)): return .array(a)
        case (.tensor, .number(let x)): return .array(NDArray(scalar: x))
        case (.tensor, .integer(let n)): return .array(NDArray(scalar: Double(n)))
        case (.number, _), (.integer, _), (.choice, _):
            let x: Double
            switch selected {
            case let .number(v): x = v
            case let .integer(n): x = Double(n)
            case let .tensor(a):
                guard a.count == 1 else {
                    throw CallError("the call returns a tensor of shape \(formatShape(a.shape)), not one number: use `expect: tensor`" +
                                    (kind == .number ? " or pick one value (e.g. reduction: mean)" : ""))
                }
                x = a.values[0]
            default: throw CallError("the call's result is not one number")
            }
            if kind == .number { return .array(NDArray(scalar: x)) }
            guard x == x.rounded(), x.isFinite else {
                throw CallError("the reference \(formatNumber(x)) is not a whole number: use `expect: number`")
            }
            if kind == .integer { return .array(NDArray(scalar: x)) }
            guard Int(x) >= 0, Int(x) < choices.count else {
                throw CallError("the call gives choice index \(Int(x)), but there are \(choices.count) choices")
            }
            return .choice(Int(x))
        default:
            throw CallError("`expect: \(kind.rawValue)` has no computed reference")
        }
    }

    /// `argmin` / `argmax` of a tensor result: the 0-based flat index of its smallest / largest
    /// entry (the first of equals, NaN skipped), e.g. the class a network gets wrong most often.
    static func extremeIndex(_ output: OutputSelector, of t: NDArray, call: String) throws -> Int {
        guard ["argmin", "argmax"].contains(output.field), output.epoch == .last else {
            throw CallError("`\(call)` returns one tensor: remove `output: \(output)`, or pick the index of its smallest or largest entry with `output: argmin` or `argmax`")
        }
        let entries = t.values.indices.filter { !t.values[$0].isNaN }
        let index = output.field == "argmin" ? entries.min { t.values[$0] < t.values[$1] }
                                             : entries.max { t.values[$0] < t.values[$1] || (t.values[$0] == t.values[$1] && $0 > $1) }
        guard let index else { throw CallError("`output: \(output)`: the result has no entry that is a number") }
        return index
    }

    /// The index of the run with the highest final test accuracy (the first of equals).
    static func bestRun(_ runs: [[EpochStats]]) -> Int {
        let accuracies = runs.map { $0.last?.testAcc ?? -1 }
        return accuracies.indices.max { accuracies[$0] < accuracies[$1] || (accuracies[$0] == accuracies[$1] && $0 > $1) } ?? 0
    }

    /// `best`, `lowest_train_loss`, `highest_train_loss`, `first_within[N]`: the 0-based index of one run of a sweep
    /// (nil for another output).
    static func runIndex(_ output: OutputSelector, of runs: [[EpochStats]]) throws -> Int? {
        let accuracies = runs.map { $0.last?.testAcc ?? -1 }
        switch output.field {
        case "best", "lowest_train_loss", "highest_train_loss":
            guard output.epoch == .last else { throw CallError("`output: \(output.field)` takes no epoch") }
            if output.field == "best" { return bestRun(runs) }
            // A run that diverged to NaN has the highest loss of all.
            let losses = runs.map { $0.last.map { $0.trainLoss.isNaN ? .infinity : $0.trainLoss } ?? .infinity }
            return output.field == "lowest_train_loss" ? losses.indices.min { losses[$0] < losses[$1] } ?? 0
                                                       : losses.indices.max { losses[$0] < losses[$1] } ?? 0
        case "first_within":
            guard case let .number(n) = output.epoch, n > 0 else {
                throw CallError("`output: first_within[N]` counts N in thousandths of accuracy: first_within[5] is the first run within 0.005 of the best")
            }
            let best = accuracies.max() ?? 0
            return accuracies.firstIndex { $0 >= best - Double(n) / 1000 - 1e-12 } ?? 0
        default:
            return nil
        }
    }
}
