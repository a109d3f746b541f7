import D2L
import Foundation
import Lessons

/// A value passed to a learner's function: what the runner's JSON carries.
public enum CodeValue: Sendable, Equatable {
    case tensor(Tensor)
    case integers([Int])
    case number(Double)
    case string(String)
}

/// The library's side of a code checkpoint: each case's inputs for the learner's function,
/// the reference it must reproduce, and the mistakes a wrong result may match. Computes
/// everything, builds and runs nothing.
extension Judge {
    /// The arguments the runner passes to the learner's function for case `index`.
    public func runnerInputs(_ spec: CheckpointSpec, _ code: CodeSpec, case index: Int) throws -> [(String, CodeValue)] {
        try located(spec, code, case: index) { args in
            switch code.function {
            case .relu:
                return [("X", .tensor(try args.tensor("X")))]
            case .net:
                let (x, params) = try LibraryCalls.netInputs(args)
                var values: [(String, CodeValue)] = [("X", .tensor(x))]
                for (k, (w, b)) in zip(params.weights, params.biases).enumerated() {
                    values += [("W\(k + 1)", .tensor(w)), ("b\(k + 1)", .tensor(b))]
                }
                return values
            case .loss:
                let (logits, labels, _) = try LibraryCalls.lossInputs(args)
                return [("y_hat", .tensor(logits)), ("y", .integers(labels))]
            case .sgd:
                let (param, grad, lr, batch) = try Self.sgdInputs(args)
                return [("param", .tensor(param)), ("grad", .tensor(grad)), ("lr", .number(lr)), ("batch_size", .number(Double(batch)))]
            case .train:
                let c = try LibraryCalls.trainConfig(args)
                var values: [(String, CodeValue)] = [
                    ("epochs", .number(Double(c.epochs))), ("lr", .number(Double(c.lr))), ("hiddens", .integers(c.hiddens)),
                    ("batch_size", .number(Double(c.batchSize))), ("seed", .number(Double(c.seed))),
                ]
                if let n = c.trainSubset { values.append(("train_subset", .number(Double(n)))) }
                if let n = c.testSubset { values.append(("test_subset", .number(Double(n)))) }
                return values
            }
        }
    }

    static func sgdInputs(_ args: CallArgs) throws -> (Tensor, Tensor, Double, Int) {
        let param = try args.tensor("param"), grad = try args.tensor("grad")
        guard param.shape == grad.shape else {
            throw args.bad("grad", "must have the shape of param \(formatShape(param.shape)), has \(formatShape(grad.shape))")
        }
        return (param, grad, try args.double("lr", default: 0.1), try args.int("batch_size", default: 256, min: 1))
    }

    /// The library's result for case `index`.
    public func reference(_ spec: CheckpointSpec, _ code: CodeSpec, case index: Int) throws -> NDArray {
        if code.function == .sgd {
            return try located(spec, code, case: index) { args in
                let (param, grad, lr, batch) = try Self.sgdInputs(args)
                return NDArray(CodeReference.sgd(param: param, grad: grad, lr: Float(lr), batchSize: batch))
            }
        }
        return try array(spec, code, call: code.call ?? code.function.rawValue, args: code.cases[index], output: spec.output, case: index)
    }

    /// The first mistake of the checkpoint whose result on case `index` equals `given`.
    public func matchingMistake(_ spec: CheckpointSpec, _ code: CodeSpec, case index: Int, given: NDArray,
                                only: Mistake? = nil) throws -> Mistake? {
        for m in only.map({ [$0] }) ?? spec.mistakes {
            guard let call = m.call else { continue }
            let args = Self.merged(code.cases[index], m.args)
            let wrong = try array(spec, code, call: call, args: args, output: m.output ?? spec.output, case: index, line: m.line)
            if AnswerMatch.matches(.array(given), .array(wrong), tolerance: spec.tolerance) { return m }
        }
        return nil
    }

    /// A registry call's result as an array (training histories through `output`, default `test_acc`).
    func array(_ spec: CheckpointSpec, _ code: CodeSpec, call: String, args: [ArgEntry], output: OutputSelector?, case index: Int,
               line: Int? = nil) throws -> NDArray {
        do {
            var result = try registry.run(call, args: args, context: CallContext(environment))
            if case .history = result {
                result = try OutputSelection.select(result, output: output ?? OutputSelector(field: "test_acc", epoch: .last), call: call)
            }
            switch result {
            case let .tensor(a): return a
            case let .number(x): return NDArray(scalar: x)
            case let .integer(n): return NDArray(scalar: Double(n))
            default: throw CallError("`\(call)` does not return numbers to compare with the learner's function")
            }
        } catch let e as CallError {
            throw LessonError(SourceLocation(file: spec.location.file, line: e.line ?? line ?? caseLine(spec, code, index)), e.message)
        }
    }

    /// Runs `body` on case `index`'s arguments, turning call errors into lesson errors.
    func located<T>(_ spec: CheckpointSpec, _ code: CodeSpec, case index: Int, _ body: (CallArgs) throws -> T) throws -> T {
        do {
            return try body(CallArgs(code.cases[index], context: CallContext(environment)))
        } catch let e as CallError {
            throw LessonError(SourceLocation(file: spec.location.file, line: e.line ?? caseLine(spec, code, index)),
                              "case \(index + 1): " + e.message)
        }
    }

    public func caseLine(_ spec: CheckpointSpec, _ code: CodeSpec, _ index: Int) -> Int {
        code.cases[index].map(\.line).filter { $0 > 0 }.min() ?? spec.keyLines["cases"] ?? spec.location.line
    }
}

/// The library's side of checks that have no registry call.
enum CodeReference {
    /// The book's sgd step on one parameter (p − lr · g / batchSize), taken by the library's
    /// own `sgd` on a Variable whose gradient is `grad`.
    static func sgd(param: Tensor, grad: Tensor, lr: Float, batchSize: Int) -> Tensor {
        let variable = Variable(param, requiresGrad: true)
        variable.grad = grad
        D2L.sgd([variable], lr: lr, batchSize: batchSize)
        return variable.value
    }
}

