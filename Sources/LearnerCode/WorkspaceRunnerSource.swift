/// The source of the workspace's `runner` executable, which the tutor invokes to call the
/// learner's functions. The format on the wire is `RunnerWire`, which the runner imports:
/// this file only reads the arguments and calls the learner's function.
enum WorkspaceRunnerSource {
    static let mainSwift = #"""
// The tutor's runner: do not edit (tutor init --force rewrites it).
// 教程的运行器：请勿修改（tutor init --force 会重写它）。
//
// Reads {"function": "...", "token": "...", "cases": [{arg: value, ...}, ...]} as JSON on stdin,
// calls your function on every case and writes one marked JSON line per case on stdout.
import D2L
import Exercises
import Foundation
import RunnerWire

typealias Object = [String: Any]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(("runner: " + message + "\n").data(using: .utf8)!)
    exit(2)
}

func tensor(_ any: Any?, _ name: String) -> Tensor {
    guard let t = RunnerWire.tensor(any) else { fail("argument \(name) is not a tensor") }
    return t
}

func ints(_ any: Any?, _ name: String) -> [Int] {
    if let a = any as? [Int] { return a }
    if let o = any as? Object, let data = o["data"] as? [Double] { return data.map { Int($0) } }
    fail("argument \(name) is not a list of integers")
}

func number(_ any: Any?, _ name: String, default value: Double? = nil) -> Double {
    if let d = any as? Double { return d }
    if let o = any as? Object, let data = o["data"] as? [Double], data.count == 1 { return data[0] }
    if any == nil, let value { return value }
    fail("argument \(name) is not a number")
}

func parameters(_ c: Object) -> MLPParameters {
    var weights: [Tensor] = [], biases: [Tensor] = []
    var layer = 1
    while c["W\(layer)"] != nil {
        weights.append(tensor(c["W\(layer)"], "W\(layer)"))
        biases.append(tensor(c["b\(layer)"], "b\(layer)"))
        layer += 1
    }
    if weights.isEmpty { fail("net needs parameters W1, b1, W2, b2, …") }
    return MLPParameters(weights: weights, biases: biases)
}

let input = FileHandle.standardInput.readDataToEndOfFile()
guard let request = (try? JSONSerialization.jsonObject(with: input)) as? Object,
      let function = request["function"] as? String, let token = request["token"] as? String,
      let cases = request["cases"] as? [Object] else {
    fail("expected {\"function\": …, \"token\": …, \"cases\": […]} on standard input")
}
// The request (and its token) is not read again: standard input becomes /dev/null.
let nothing = open("/dev/null", O_RDONLY)
guard nothing >= 0, dup2(nothing, 0) == 0 else { fail("cannot close standard input") }
close(nothing)

for (index, c) in cases.enumerated() {
    let result: Tensor
    switch function {
    case "relu":
        result = Exercises.relu(tensor(c["X"], "X"))
    case "net":
        result = Exercises.net(tensor(c["X"], "X"), parameters(c))
    case "loss":
        result = Exercises.loss(tensor(c["y_hat"], "y_hat"), ints(c["y"], "y"))
    case "sgd":
        var params = [tensor(c["param"], "param")]
        Exercises.sgd(&params, [tensor(c["grad"], "grad")],
                      lr: Float(number(c["lr"], "lr")), batchSize: Int(number(c["batch_size"], "batch_size")))
        guard params.count == 1 else { fail("sgd changed the number of parameters") }
        result = params[0]
    case "train":
        result = runTrain(c)
    default:
        fail("unknown function \(function)")
    }
    print(RunnerWire.resultLine(case: index, result, token: token))
    fflush(stdout)
}

/// Trains a fresh network with your `train` on a subset and returns its parameters; the tutor
/// measures their test accuracy and compares it with the library's own run.
func runTrain(_ c: Object) -> Tensor {
    let hiddens = (c["hiddens"] as? [Int]) ?? [256]
    let seed = UInt64(number(c["seed"], "seed", default: 0))
    let data: FashionMNIST
    do { data = try FashionMNIST.load() } catch { fail("cannot load Fashion-MNIST: \(error)") }
    let trainCount = c["train_subset"].map { Int(number($0, "train_subset")) }
    let testCount = c["test_subset"].map { Int(number($0, "test_subset")) }
    let subset = data.subset(train: trainCount, test: testCount)
    var params = MLPParameters.initialize(hiddens: hiddens, seed: seed)
    Exercises.train(&params, data: subset,
                    epochs: Int(number(c["epochs"], "epochs", default: 10)),
                    lr: Float(number(c["lr"], "lr", default: 0.1)),
                    batchSize: Int(number(c["batch_size"], "batch_size", default: 256)),
                    seed: seed)
    return RunnerWire.flattened(params)
}
"""#
}
