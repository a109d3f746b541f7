import D2L
import Foundation
import Lessons

/// The calls that compute references with the library (see docs/checkpoint-format.md).
enum LibraryCalls {
    static let trainParameters = ["epochs", "lr", "hiddens", "batch_size", "seed", "train_subset", "test_subset",
                                  "validation", "validation_seed"]
    static let netParameters = ["X", "W1", "hiddens", "seed", "inputs", "outputs", "scale", "init"]

    static let all: [CallDefinition] = [
        CallDefinition(name: "relu", summary: "max(X, 0) elementwise", parameters: ["X"]) { args in .tensor(NDArray(relu(try args.tensor("X")))) },
        CallDefinition(name: "softmax", summary: "softmax over the last axis", parameters: ["X"]) { args in
            let x = try args.tensor("X")
            guard x.rank >= 1, x.shape.last! > 0 else { throw args.bad("X", "softmax needs at least one axis with elements") }
            return .tensor(NDArray(softmax(x)))
        },
        CallDefinition(name: "net", summary: "the MLP's output for X", parameters: netParameters) { args in
            let (x, params) = try netInputs(args)
            return .tensor(NDArray(net(x, params)))
        },
        CallDefinition(name: "loss", summary: "softmax cross-entropy of logits y_hat and labels y", parameters: ["y_hat", "y", "reduction"]) { args in
            let (logits, labels, reduction) = try lossInputs(args)
            return tensorOrNumber(crossEntropy(logits, labels, reduction: reduction))
        },
        CallDefinition(name: "train", summary: "train the MLP on Fashion-MNIST; the history per epoch", parameters: trainParameters,
                       trainings: { [$0] }) { args in
            .history(try runTraining(args).history)
        },
        CallDefinition(name: "sweep", summary: "one training run per value of one argument (with `seeds`, the mean of one run per seed)",
                       parameters: SearchCalls.sweepParameters, trainings: { try sweepRuns($0).flatMap(SearchCalls.seedRuns) }) { args in
            try sweep(args)
        },
        CallDefinition(name: "evaluate_accuracy", summary: "accuracy of the net (trained for `epochs`, 0 = untrained)",
                       parameters: trainParameters + ["split"], trainings: trainingIfEpochs) { args in
            let (params, data) = try paramsForEvaluation(args)
            let split = try args.string("split", default: "test", allowed: ["train", "test"])
            let images = split == "train" ? data.trainImages : data.testImages
            let labels = split == "train" ? data.trainLabels : data.testLabels
            guard !labels.isEmpty else { throw CallError("the \(split) split is empty") }
            return .number(evaluateMLPAccuracy(params, images: images, labels: labels))
        },
        CallDefinition(name: "predict", summary: "predicted and true labels of test images", parameters: trainParameters + ["count", "offset", "classes"],
                       trainings: trainingIfEpochs) { args in
            let (params, data) = try paramsForEvaluation(args)
            let count = try args.int("count", default: 6, min: 1), offset = try args.int("offset", default: 0)
            guard offset + count <= data.testLabels.count else {
                throw args.bad("count", "images \(offset) ..< \(offset + count) are past the \(data.testLabels.count) test images")
            }
            let predictions = predictMLP(params, data: data, count: count, offset: offset)
            guard args.has("classes") else { return .predictions(predictions) }
            let classes = try args.intList("classes", default: [], min: 0)
            guard let outside = classes.first(where: { $0 >= FashionMNIST.classNames.count }) else {
                return .predictions(predictions.filter { classes.contains($0.label) })
            }
            throw args.bad("classes", "there is no class \(outside): the classes are 0 to \(FashionMNIST.classNames.count - 1)")
        },
        CallDefinition(name: "param_count", summary: "number of weights and biases", parameters: ["hiddens", "inputs", "outputs"]) { args in
            let (inputs, hiddens, outputs) = try layerSizes(args)
            return .integer(MLPParameters.initialize(inputs: inputs, hiddens: hiddens, outputs: outputs, seed: 0).parameterCount)
        },
        CallDefinition(name: "shape", summary: "shape of X, of a parameter, or of a call's result",
                       parameters: ["X", "reshape", "of", "hiddens", "inputs", "outputs"]) { args in .shape(try shape(args)) },
    ]

    // MARK: helpers

    static func tensorOrNumber(_ t: Tensor) -> CallResult {
        t.rank == 0 ? .number(Double(t.scalars[0])) : .tensor(NDArray(t))
    }

    static func layerSizes(_ args: CallArgs) throws -> (Int, [Int], Int) {
        let sizes = (try args.int("inputs", default: 784, min: 1), try args.intList("hiddens", default: [256]),
                     try args.int("outputs", default: 10, min: 1))
        let widths = [sizes.0] + sizes.1 + [sizes.2]
        let weights = zip(widths, widths.dropFirst()).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        guard weights <= 50_000_000 else {
            throw args.bad(args.has("hiddens") ? "hiddens" : "inputs", "a network with \(Int(weights)) weights is too large for a checkpoint")
        }
        return sizes
    }

    /// X and the parameters of `net`: explicit W1 b1 W2 b2 … or generated from hiddens + seed.
    static func netInputs(_ args: CallArgs) throws -> (Tensor, MLPParameters) {
        let x = try args.tensor("X")
        let params: MLPParameters
        if args.has("W1") {
            var weights: [Tensor] = [], biases: [Tensor] = []
            var k = 1
            while args.has("W\(k)") || args.has("b\(k)") {
                guard args.has("W\(k)") else { throw args.bad("b\(k)", "there is b\(k) but no W\(k)") }
                guard args.has("b\(k)") else { throw args.bad("W\(k)", "there is W\(k) but no b\(k)") }
                let w = try args.tensor("W\(k)"), b = try args.tensor("b\(k)")
                guard w.rank == 2 else { throw args.bad("W\(k)", "must be a matrix, has shape \(formatShape(w.shape))") }
                guard b.rank == 1, b.count == w.shape[1] else {
                    throw args.bad("b\(k)", "must be a vector of \(w.shape[1]) numbers (W\(k) has shape \(formatShape(w.shape))), has shape \(formatShape(b.shape))")
                }
                if let previous = weights.last, previous.shape[1] != w.shape[0] {
                    throw args.bad("W\(k)", "has \(w.shape[0]) rows but W\(k - 1) has \(previous.shape[1]) columns")
                }
                weights.append(w)
                biases.append(b)
                k += 1
            }
            for e in args.entries where (e.name.hasPrefix("W") || e.name.hasPrefix("b")) && Int(e.name.dropFirst()).map({ $0 >= k }) == true {
                throw CallError("argument `\(e.name)`: the layers must be numbered W1 b1, W2 b2, … without gaps", line: e.line)
            }
            guard weights.count >= 1 else { throw args.missing("W1", "a weight matrix") }
            for name in ["hiddens", "seed", "scale", "init"] where args.has(name) {
                throw args.bad(name, "give either explicit W1 b1 W2 b2 … or generated `hiddens`/`seed`, not both")
            }
            params = MLPParameters(weights: weights, biases: biases)
        } else {
            let (inputs, hiddens, outputs) = try layerSizes(args)
            let scale = try args.double("scale", default: 0.01)
            var p = MLPParameters.initialize(inputs: inputs, hiddens: hiddens, outputs: outputs, scale: Float(scale), seed: try args.seed())
            switch try args.string("init", default: "randn", allowed: ["randn", "zeros", "ones"]) {
            case "zeros": p.weights = p.weights.map { Tensor.zeros($0.shape) }
            case "ones": p.weights = p.weights.map { Tensor.ones($0.shape) }
            default: break
            }
            params = p
        }
        let inputs = params.weights[0].shape[0]
        guard inputs > 0, x.count > 0, x.count % inputs == 0 else {
            throw args.bad("X", "has shape \(formatShape(x.shape)) (\(x.count) numbers), which cannot be reshaped to [-1, \(inputs)]")
        }
        return (x, params)
    }

    static func lossInputs(_ args: CallArgs) throws -> (Tensor, [Int], Reduction) {
        let logits = try args.tensor("y_hat")
        guard logits.rank == 2, logits.shape[1] > 0 else {
            throw args.bad("y_hat", "logits are a matrix [examples, classes], found shape \(formatShape(logits.shape))")
        }
        let labels = try args.labels("y")
        guard labels.count == logits.shape[0] else {
            throw args.bad("y", "there are \(labels.count) labels for \(logits.shape[0]) rows of y_hat")
        }
        if let bad = labels.first(where: { $0 >= logits.shape[1] }) {
            throw args.bad("y", "label \(bad) is not a class of y_hat, which has \(logits.shape[1]) columns")
        }
        let reduction = Reduction(rawValue: try args.string("reduction", default: "none", allowed: Reduction.allCases.map(\.rawValue)))!
        return (logits, labels, reduction)
    }

    static func trainConfig(_ args: CallArgs) throws -> TrainConfig {
        _ = try layerSizes(args)   // refuses networks too large to train here
        var c = TrainConfig()
        // A checkpoint's reference trains while the learner waits (and under `tutor lint`).
        c.epochs = try args.int("epochs", default: 10, min: 1, max: 100)
        c.lr = Float(try args.double("lr", default: 0.1))
        c.hiddens = try args.intList("hiddens", default: [256])
        c.batchSize = try args.int("batch_size", default: 256, min: 1)
        c.seed = try args.seed()
        c.trainSubset = try args.optionalInt("train_subset")
        c.testSubset = try args.optionalInt("test_subset")
        return c
    }

    /// `evaluate_accuracy` and `predict` train only when `epochs` > 0.
    @Sendable static func trainingIfEpochs(_ args: CallArgs) throws -> [CallArgs] {
        try args.int("epochs", default: 0) > 0 ? [args] : []
    }

    /// Trains (or takes the finished run from the cache: `train`, `evaluate_accuracy`,
    /// `predict` and `sweep` with the same settings share it).
    static func runTraining(_ args: CallArgs) throws -> (history: [EpochStats], params: MLPParameters) {
        let config = try trainConfig(args)
        if let problem = config.problem { throw CallError(problem) }
        let environment = args.context.environment
        let fingerprint = try runFingerprint(args)
        if let cached = environment.cache?.lookup(config, dataFingerprint: fingerprint) { return (cached.history, cached.params) }
        var data = try args.context.data()
        if let validation = try args.optionalInt("validation") {
            guard validation < data.trainCount else {
                throw args.bad("validation", "holding out \(validation) of the \(data.trainCount) training images leaves none to train on")
            }
            data = data.validationSplit(validation, seed: try args.seed("validation_seed"))
        }
        let started = Date()
        let result: TrainResult
        do {
            result = try trainMLP(config, data: data, observer: args.context.observer)
        } catch {
            throw CallError("training failed: \(error)")
        }
        if result.stopped { throw CallError("training was interrupted", interrupted: true) }
        environment.cache?.store(config, dataFingerprint: fingerprint,
                                 RunCache.Run(history: result.history, params: result.params, seconds: Date().timeIntervalSince(started)))
        return (result.history, result.params)
    }

    /// What a run of `args` trains on, as the run cache keys it: the data files, or a
    /// validation split of them.
    static func runFingerprint(_ args: CallArgs) throws -> String {
        let base = try args.context.environment.dataFingerprint()
        guard let validation = try args.optionalInt("validation") else { return base }
        return DataFingerprint.validationSplit(of: base, count: validation, seed: try args.seed("validation_seed"))
    }

    /// Parameters for evaluate_accuracy/predict: untrained (epochs 0) or trained; and the data
    /// restricted to the subsets.
    static func paramsForEvaluation(_ args: CallArgs) throws -> (MLPParameters, FashionMNIST) {
        let epochs = try args.int("epochs", default: 0)
        let data = try args.context.data()
        let subset = data.subset(train: try args.optionalInt("train_subset"), test: try args.optionalInt("test_subset"))
        if epochs == 0 {
            let hiddens = try args.intList("hiddens", default: [256])
            return (MLPParameters.initialize(hiddens: hiddens, seed: try args.seed()), subset)
        }
        return (try runTraining(args).params, subset)
    }

    /// The arguments of each run of a `sweep`: the fixed ones and one value of `vary`.
    static func sweepRuns(_ args: CallArgs) throws -> [CallArgs] {
        guard let vary = args.entry("vary") else { throw args.missing("vary", "one train argument and its values, like {lr: [0.01, 0.1]}") }
        guard case let .map(entries) = vary.value, entries.count == 1, let varied = entries.first,
              case let .list(values) = varied.value, !values.isEmpty else {
            throw args.bad("vary", "write one train argument and a list of its values, like {hiddens: [[64], [256]]}")
        }
        guard trainParameters.contains(varied.name) else {
            throw args.bad("vary", "`\(varied.name)` is not a train argument" + suggestion(varied.name, trainParameters))
        }
        let fixed = args.entries.filter { $0.name != "vary" && $0.name != varied.name }
        return values.map { CallArgs(fixed + [ArgEntry(name: varied.name, value: $0, line: varied.line)], context: args.context) }
    }

    static func sweep(_ args: CallArgs) throws -> CallResult {
        .runs(try sweepRuns(args).map(SearchCalls.seedMean))
    }

    static func shape(_ args: CallArgs) throws -> [Int] {
        guard let of = args.entry("of") else {
            let x = try args.tensor("X")
            guard args.has("reshape") else { return x.shape }
            let target = try args.ints(args.entry("reshape")!.value, name: "reshape", min: -1)
            do { return try x.reshaped(target).shape } catch {
                throw args.bad("reshape", "\(error)")
            }
        }
        guard case let .string(name) = of.value else { throw args.bad("of", "name a parameter (W1, b1, …) or a call (net, loss, …)") }
        let (inputs, hiddens, outputs) = try layerSizes(args)
        let widths = [inputs] + hiddens + [outputs]
        if let k = Int(name.dropFirst()), name.first == "W" || name.first == "b" {
            guard k >= 1, k < widths.count else {
                throw args.bad("of", "\(name) does not exist: with hiddens \(hiddens) the layers are 1 to \(widths.count - 1)")
            }
            return name.first == "W" ? [widths[k - 1], widths[k]] : [widths[k]]
        }
        guard name != "shape" else { throw args.bad("of", "the shape of a shape is not a checkpoint") }
        let rest = args.entries.filter { $0.name != "of" }
        switch try CallRegistry.standard.run(name, args: rest, context: args.context) {
        case let .tensor(t): return t.shape
        case .number, .integer: return []
        case let .shape(s): return [s.count]
        case let .history(h): return [h.count]
        case let .runs(r): return [r.count]
        case let .predictions(p): return [p.count]
        }
    }
}
