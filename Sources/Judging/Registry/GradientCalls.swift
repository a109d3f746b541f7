import D2L
import Lessons

/// `gradient`: one backward pass, checked by hand (see docs/checkpoint-format.md).
enum GradientCalls {
    static let all: [CallDefinition] = [
        CallDefinition(name: "gradient",
                       summary: "a gradient: of relu(X).sum() w.r.t. X (of: relu), of the loss w.r.t. the logits (of: y_hat) or a parameter (of: W1, b1, …)",
                       parameters: ["of", "y_hat", "y", "reduction"] + LibraryCalls.netParameters) { args in
            .tensor(NDArray(try gradient(args)))
        },
    ]

    static func gradient(_ args: CallArgs) throws -> Tensor {
        guard let of = args.entry("of"), case let .string(name) = of.value else {
            throw args.missing("of", "what to differentiate with respect to: relu, y_hat, W1, b1, W2, …")
        }
        switch name {
        case "relu":
            return reluGradient(try args.tensor("X"))
        case "y_hat":
            let (logits, labels, reduction) = try LibraryCalls.lossInputs(args)
            return crossEntropyWithGradient(logits, labels, reduction: reduction).gradient
        default:
            guard let k = Int(name.dropFirst()), k >= 1, name.first == "W" || name.first == "b" else {
                throw args.bad("of", "`\(name)` is not relu, y_hat or a parameter (W1, b1, W2, b2, …)")
            }
            let (x, params) = try LibraryCalls.netInputs(args)
            guard k <= params.weights.count else {
                throw args.bad("of", "\(name) does not exist: the network has \(params.weights.count) layers")
            }
            let labels = try args.labels("y")
            let rows = x.count / params.weights[0].shape[0]
            guard labels.count == rows else { throw args.bad("y", "there are \(labels.count) labels for \(rows) images of X") }
            let outputs = params.weights[params.weights.count - 1].shape[1]
            if let bad = labels.first(where: { $0 >= outputs }) {
                throw args.bad("y", "label \(bad) is not one of the network's \(outputs) classes")
            }
            let reduction = Reduction(rawValue: try args.string("reduction", default: "none",
                                                                allowed: Reduction.allCases.map(\.rawValue)))!
            let grads = lossGradients(params, x, labels, reduction: reduction)
            return name.first == "W" ? grads.weights[k - 1] : grads.biases[k - 1]
        }
    }
}
