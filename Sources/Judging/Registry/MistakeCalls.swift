import D2L
import Foundation
import Lessons

/// Calls that compute typical wrong answers, for checkpoints' `mistakes`.
enum MistakeCalls {
    static let all: [CallDefinition] = [
        mistake("relu_identity", "X unchanged: a relu that keeps the negatives", ["X"]) { .tensor(NDArray(try $0.tensor("X"))) },
        mistake("relu_abs", "|X|: negatives flipped instead of zeroed", ["X"]) { args in
            let x = try args.tensor("X")
            return .tensor(NDArray(Tensor(shape: x.shape, scalars: x.scalars.map { abs($0) })))
        },
        mistake("relu_min", "min(X, 0): max and min swapped", ["X"]) { args in
            let x = try args.tensor("X")
            return .tensor(NDArray(Tensor(shape: x.shape, scalars: x.scalars.map { min($0, 0) })))
        },
        mistake("softmax_unstable", "softmax without subtracting the row maximum", ["X"]) { args in
            .tensor(NDArray(unstableSoftmax(try args.tensor("X"))))
        },
        mistake("softmax_wrong_axis", "softmax over the first axis instead of the last", ["X"]) { args in
            let x = try args.tensor("X")
            guard x.rank == 2 else { throw args.bad("X", "softmax_wrong_axis needs a matrix") }
            let (r, c) = (x.shape[0], x.shape[1])
            var t = [Float](repeating: 0, count: x.count)   // transpose, softmax rows, transpose back
            for i in 0..<r { for j in 0..<c { t[j * r + i] = x.scalars[i * c + j] } }
            let s = softmax(Tensor(shape: [c, r], scalars: t))
            var out = [Float](repeating: 0, count: x.count)
            for i in 0..<r { for j in 0..<c { out[i * c + j] = s.scalars[j * r + i] } }
            return .tensor(NDArray(Tensor(shape: x.shape, scalars: out)))
        },
        mistake("net_without_bias", "net with every bias left out", LibraryCalls.netParameters) { args in
            var (x, p) = try LibraryCalls.netInputs(args)
            p.biases = p.biases.map { Tensor.zeros($0.shape) }
            return .tensor(NDArray(net(x, p)))
        },
        mistake("net_without_relu", "net with no activation: a linear model", LibraryCalls.netParameters) { args in
            let (x, p) = try LibraryCalls.netInputs(args)
            var h = Tensor(shape: [x.count / p.weights[0].shape[0], p.weights[0].shape[0]], scalars: x.scalars)
            for (w, b) in zip(p.weights, p.biases) { h = affine(h, w, b) }
            return .tensor(NDArray(h))
        },
        mistake("net_zero_w1", "net with W1 initialised to zeros", LibraryCalls.netParameters) { args in
            var (x, p) = try LibraryCalls.netInputs(args)
            p.weights[0] = Tensor.zeros(p.weights[0].shape)
            return .tensor(NDArray(net(x, p)))
        },
        mistake("loss_unstable", "cross-entropy as -log(softmax) without the stable shift", ["y_hat", "y", "reduction"]) { args in
            let (logits, labels, reduction) = try LibraryCalls.lossInputs(args)
            let p = unstableSoftmax(logits)
            let q = logits.shape[1]
            let losses = labels.enumerated().map { i, y in -Foundation.log(p.scalars[i * q + y]) }
            return reduce(losses, reduction)
        },
        mistake("loss_no_log", "-softmax(y_hat)[y]: the log forgotten", ["y_hat", "y", "reduction"]) { args in
            let (logits, labels, reduction) = try LibraryCalls.lossInputs(args)
            let p = softmax(logits)
            let q = logits.shape[1]
            return reduce(labels.enumerated().map { i, y in -p.scalars[i * q + y] }, reduction)
        },
        mistake("param_count_weights_only", "the weights without the biases", ["hiddens", "inputs", "outputs"]) { args in
            let (inputs, hiddens, outputs) = try LibraryCalls.layerSizes(args)
            let widths = [inputs] + hiddens + [outputs]
            return .integer(zip(widths, widths.dropFirst()).map { $0 * $1 }.reduce(0, +))
        },
        mistake("shape_transposed", "the shape reversed", ["X", "reshape", "of", "hiddens", "inputs", "outputs"]) { args in
            .shape(Array(try LibraryCalls.shape(args).reversed()))
        },
        mistake("gradient_sign_flipped", "the gradient with the wrong sign (one-hot − softmax for the logits)",
                ["of", "y_hat", "y", "reduction"] + LibraryCalls.netParameters) { args in
            .tensor(NDArray(try GradientCalls.gradient(args).map { -$0 }))
        },
        mistake("gradient_softmax_only", "softmax(y_hat) as the gradient of the loss: the one-hot not subtracted",
                ["of", "y_hat", "y", "reduction"]) { args in
            let (logits, labels, reduction) = try LibraryCalls.lossInputs(args)
            let scale: Float = reduction == .mean ? 1 / Float(max(labels.count, 1)) : 1
            return .tensor(NDArray(softmax(logits).map { $0 * scale }))
        },
        mistake("relu_gradient_zero_at_zero", "relu's gradient with 0 at x = 0, as the built-in torch.relu gives it", ["of", "X"]) { args in
            .tensor(NDArray(try args.tensor("X").map { $0 > 0 ? 1 : 0 }))
        },
        mistake("accuracy_percent", "the accuracy of evaluate_accuracy times 100, a percentage instead of a count or fraction",
                LibraryCalls.trainParameters + ["split", "count", "offset"]) { args in
            let (params, data) = try LibraryCalls.paramsForEvaluation(args)
            return .number(100 * evaluateMLPAccuracy(params, images: data.testImages, labels: data.testLabels))
        },
        mistake("sweep_mean", "a sweep whose every run is reported as the mean of all runs (one figure for all)",
                SearchCalls.sweepParameters) { args in
            let runs = try LibraryCalls.sweepRuns(args).map(SearchCalls.seedMean)
            return .runs(runs.map { _ in SearchCalls.meanHistory(runs) })
        },
        mistake("search_best_validation", "a search's result reported as the winner's mean final validation accuracy, not its retrained test accuracy",
                SearchCalls.sweepParameters) { args in
            let means = try LibraryCalls.sweepRuns(args).map(SearchCalls.seedMean)
            return .number(means[OutputSelection.bestRun(means)].last?.testAcc ?? .nan)
        },
        mistake("train_best_epoch", "as train, cut at the epoch with the highest test accuracy: the best epoch reported instead of the last",
                LibraryCalls.trainParameters) { args in
            let history = try LibraryCalls.runTraining(args).history
            guard let best = history.indices.max(by: { history[$0].testAcc < history[$1].testAcc }) else { return .history(history) }
            return .history(Array(history[...best]))
        },
    ]

    static func mistake(_ name: String, _ summary: String, _ parameters: [String],
                        _ run: @escaping @Sendable (CallArgs) throws -> CallResult) -> CallDefinition {
        CallDefinition(name: name, summary: summary, parameters: parameters, isMistake: true, run: run)
    }

    /// exp(x) / Σ exp(x) in Float32 with no shift: overflows to inf/NaN for large logits, as the
    /// naive formula does.
    static func unstableSoftmax(_ x: Tensor) -> Tensor {
        let c = x.shape.last ?? 1
        var out = x.scalars
        for row in stride(from: 0, to: out.count, by: max(c, 1)) {
            let e = out[row..<(row + c)].map { Foundation.exp($0) }
            let s = e.reduce(0, +)
            for j in 0..<c { out[row + j] = e[j] / s }
        }
        return Tensor(shape: x.shape, scalars: out)
    }

    static func affine(_ h: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
        let (n, k, m) = (h.shape[0], w.shape[0], w.shape[1])
        var out = [Float](repeating: 0, count: n * m)
        for i in 0..<n {
            for j in 0..<m { out[i * m + j] = b.scalars[j] }
            for p in 0..<k {
                let a = h.scalars[i * k + p]
                if a == 0 { continue }
                for j in 0..<m { out[i * m + j] += a * w.scalars[p * m + j] }
            }
        }
        return Tensor(shape: [n, m], scalars: out)
    }

    static func reduce(_ losses: [Float], _ reduction: Reduction) -> CallResult {
        switch reduction {
        case .none: return .tensor(NDArray(vector: losses.map(Double.init)))
        case .sum: return .number(Double(losses.reduce(0, +)))
        case .mean: return .number(Double(losses.reduce(0, +) / Float(max(losses.count, 1))))
        }
    }
}
