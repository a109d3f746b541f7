import D2L
import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

private func verdict(_ text: String, _ s: CheckpointSpec?) throws -> Verdict {
    try sharedJudge.judge(text, for: try #require(s))
}

private let reluSpec = spec("""
call: relu
args:
  X: [[-1.5, 0.0, 2.0], [3.0, -0.25, 0.5]]
expect: tensor
tolerance: 1e-6
prompt: p
explain: max(x, 0)
points: 2
mistakes:
  - call: relu_identity
    message: kept the negatives
  - call: relu_abs
    message: flipped the negatives
""")

@Test func correctTensorEarnsThePoints() throws {
    let v = try verdict("[[0, 0, 2], [3, 0, 0.5]]", reluSpec)
    #expect(v.isCorrect && v.points == 2 && v.maxPoints == 2)
    #expect(v.message.en == "correct (max abs error 0)")
    #expect(v.explain == "max(x, 0)")
    #expect(v.reference == .array(NDArray(shape: [2, 3], values: [0, 0, 2, 3, 0, 0.5])))
}

@Test func aMistakeIsNamed() throws {
    let v = try verdict("tensor([[1.5, 0., 2.], [3., 0.25, 0.5]])", reluSpec)
    #expect(v.outcome == .incorrect && v.points == 0)
    #expect(v.message.en == "flipped the negatives")
    #expect(v.mistake?.call == "relu_abs")
    #expect(v.details.first?.en == "the first entry that differs is [0, 0]: too high")
}

/// A mistake whose result the checkpoint accepts (with inputs drawn per learner, it can coincide
/// with the reference for some) is not one: an answer near it is judged on its own.
@Test func aMistakeTheCheckpointAcceptsIsNeverNamed() throws {
    let s = spec("""
    call: relu
    args: {X: [[0.5]]}
    expect: tensor
    atol: 0.01
    prompt: p
    mistakes:
      - call: relu
        args: {X: [[0.509]]}
        message: the coinciding one
    """)
    let near = try verdict("[[0.515]]", s)
    #expect(near.outcome == .incorrect && near.mistake == nil, "\(near.message.en)")
    #expect(try verdict("[[0.509]]", s).isCorrect)
}

@Test func aPlainWrongAnswerSaysWhere() throws {
    let v = try verdict("[[0, 0, 2], [3, 0, 0.4]]", reluSpec)
    #expect(v.mistake == nil)
    #expect(v.message.en == "the first entry that differs is [1, 2]: too low")
    #expect(v.details.map(\.en) == ["1 of 6 entries differ (tolerance 1e-06)"])
    #expect(v.message.zh == "第一个不对的元素是 [1, 2]：偏小")
    let shape = try verdict("[[0, 0], [2, 3], [0, 0.5]]", reluSpec)
    #expect(shape.message.en == "expected shape (2, 3), got (3, 2)")
}

@Test func malformedIsNotWrong() throws {
    let s = try #require(reluSpec)
    let v = try sharedJudge.judge("[[0, 0, 2], [3, 0, 0.5]", for: s)
    #expect(v.outcome == .malformed && !v.outcome.isAttempt && v.points == 0)
    #expect(v.parseError?.column == 24)
}

@Test func nanFromTheUnstableLossMatchesItsMistake() throws {
    let s = spec("""
    call: loss
    args: {y_hat: [[1000.0, 0.0, -1000.0], [0.0, 0.0, 0.0]], y: [0, 2], reduction: mean}
    expect: number
    tolerance: 1e-3
    prompt: p
    mistakes:
      - call: loss_unstable
        message: overflow
      - call: loss
        args: {reduction: sum}
        message: the sum
    """)
    #expect(try verdict("0.5493", s).isCorrect)
    #expect(try verdict("nan", s).message.en == "overflow")
    #expect(try verdict("1.0986", s).message.en == "the sum")
    let v = try verdict("1/3", s)
    #expect(v.mistake == nil && v.message.en == "the answer is too low")
    #expect(v.details.map(\.en) == ["tolerance 0.001"])
}

@Test func shapesIntegersChoicesAndReflections() throws {
    let shape = spec("call: shape\nargs: {of: W1}\nexpect: shape\nprompt: p\nmistakes:\n  - call: shape_transposed\n    message: rows are inputs")
    #expect(try verdict("torch.Size([784, 256])", shape).isCorrect)
    #expect(try verdict("256x784", shape).message.en == "rows are inputs")
    let count = spec("call: param_count\nexpect: integer\nprompt: p")
    #expect(try verdict("203,530", count).isCorrect)
    #expect(try verdict("203531", count).message.en == "the answer is too high")
    #expect(try verdict("20353000", count).message.en == "off by a constant factor: ×100 the right value")
    let choice = spec("expect: choice\nchoices: [one, two, three]\nanswer: b\nprompt: p\nmistakes:\n  - {answer: c, message: not three}")
    #expect(try verdict("B", choice).isCorrect)
    #expect(try verdict("c", choice).message.en == "not three")
    #expect(try verdict("a", choice).message.en == "a is not the right choice")
    let reflection = spec("expect: reflection\nprompt: why?\nmodel_answer: because")
    let r = try verdict("I think so", reflection)
    #expect(r.outcome == .saved && r.isDone && r.points == 1 && r.modelAnswer == "because")
    #expect(r.given == .text("I think so"))
}

@Test func aBrokenCheckpointIsReportedAtItsLine() throws {
    let s = try #require(spec("call: loss\nargs:\n  y_hat: [[1.0, 2.0]]\n  y: [0, 1]\nexpect: tensor\nprompt: p"))
    #expect { try sharedJudge.judge("[1]", for: s) } throws: { error in
        guard case let .brokenCheckpoint(e) = error as? JudgeError else { return false }
        return e.location.line == 7 && e.message.contains("2 labels for 1 rows")
    }
}

private func result(_ text: String, _ s: CheckpointSpec) -> VerdictReport.Result {
    do { return .success(try sharedJudge.judge(text, for: s)) } catch let e as JudgeError { return .failure(e) } catch {
        return .failure(.brokenCheckpoint(LessonError(s.location, "\(error)")))
    }
}

@Test func reportsAndExitCodes() throws {
    let s = try #require(reluSpec)
    let right = result("[[0, 0, 2], [3, 0, 0.5]]", s)
    let wrong = result("[[0, 0, 2], [3, 0, 0.4]]", s)
    let bad = result("[[0, 0, 2], [3, 0, 0.4]", s)
    #expect(VerdictReport.exitCode(right) == 0 && VerdictReport.exitCode(wrong) == 1 && VerdictReport.exitCode(bad) == 2)
    let json = try JSONSerialization.jsonObject(with: Data(VerdictReport.json(wrong, checkpoint: "r", language: .en).utf8)) as? [String: Any]
    #expect(json?["outcome"] as? String == "incorrect")
    let comparison = json?["comparison"] as? [String: Any]
    let first = comparison?["first_mismatch"] as? [String: Any]
    #expect(first?["index"] as? [Int] == [1, 2])
    #expect(first?["direction"] as? String == "too_low" && first?["expected"] == nil)
    #expect(json?["reference"] == nil && comparison?["max_abs_error"] == nil)
    let rightJSON = try JSONSerialization.jsonObject(with: Data(VerdictReport.json(right, checkpoint: "r", language: .en).utf8)) as? [String: Any]
    #expect((rightJSON?["reference"] as? [String: Any])?["shape"] as? [Int] == [2, 3])
    #expect(VerdictReport.text(bad, language: .zh).contains("第 24 列"))
}

@Test func theRunCacheKeysOnSettingsLibraryAndDataAndRecomputesDamage() throws {
    let dir = temporaryDirectory("cache")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let cache = RunCache(directory: dir)
    let config = TrainConfig(epochs: 1, lr: 0.1, hiddens: [2], batchSize: 4, seed: 0)
    let params = MLPParameters.initialize(inputs: 3, hiddens: [2], outputs: 2, seed: 1)
    let run = RunCache.Run(history: [EpochStats(epoch: 1, trainLoss: 0.5, trainAcc: 0.75, testAcc: 0.5, seconds: 1)],
                           params: params, seconds: 1)
    cache.store(config, dataFingerprint: "data A", run)
    #expect(cache.lookup(config, dataFingerprint: "data A")?.params == params)
    // Another data set, or other settings, never reuse the run.
    #expect(cache.lookup(config, dataFingerprint: "data B") == nil)
    var other = config
    other.lr = 0.2
    #expect(cache.lookup(other, dataFingerprint: "data A") == nil)
    #expect(RunCache.key(config, dataFingerprint: "x").contains(D2LVersion.string))
    // A damaged file is recomputed, not trusted.
    let file = try #require(try FileManager.default.contentsOfDirectory(atPath: dir).first)
    let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file))
    try data.prefix(data.count - 3).write(to: URL(fileURLWithPath: dir + "/" + file))
    #expect(cache.lookup(config, dataFingerprint: "data A") == nil)
    #expect(RunCache.standard(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.directory == "/x/tutor/runs")
    #expect(RunCache.standard(environment: ["HOME": "/h"])?.directory == "/h/.cache/tutor/runs")
}

@Test func theDataFingerprintChangesWithTheDataFolder() throws {
    let a = temporaryDirectory("data-a"), b = temporaryDirectory("data-b")
    defer { for d in [a, b] { try? FileManager.default.removeItem(atPath: d) } }
    for (dir, size) in [(a, 10), (b, 11)] {
        for name in FashionMNIST.fileNames {
            #expect(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(repeating: 0, count: size)))
        }
    }
    let fa = try #require(DataFingerprint.files(directory: a))
    let fb = try #require(DataFingerprint.files(directory: b))
    #expect(fa != fb)
    #expect(DataFingerprint.files(directory: a) == fa)
}

@Test func exportWritesTheInputs() throws {
    let dir = temporaryDirectory("export")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let s = try #require(spec("call: loss\nargs: {y_hat: {randn: [2, 3], seed: 5}, y: [0, 2], reduction: mean}\nexpect: number\nprompt: p"))
    let written = try CheckpointExport.write(s, context: sharedContext, format: .npy, directory: dir)
    #expect(written.map { ($0 as NSString).lastPathComponent } == ["y_hat.npy", "y.npy"])
    let yHat = try NpyFile.read(path: dir + "/y_hat.npy")
    #expect(yHat == NDArray(Tensor.randn([2, 3], seed: 5)))
    #expect(try NpyFile.read(path: dir + "/y.npy").values == [0, 2])
    _ = try CheckpointExport.write(s, context: sharedContext, format: .json, directory: dir)
    let json = try String(contentsOfFile: dir + "/y.json", encoding: .utf8)
    #expect(json == "[0, 2]\n")
    // What export writes is what the checker reads back as an answer.
    // (JSON holds the Float32 values' shortest decimal forms: equal as Float32.)
    guard case let .array(back) = try AnswerFile.read(path: dir + "/y_hat.json", kind: .tensor) else { Issue.record("not an array"); return }
    #expect(back.shape == yHat.shape && back.values.map(Float.init) == yHat.values.map(Float.init))
}

@Test(.enabled(if: fashionMNISTInstalled)) func trainEvaluateAndPredictShareOneCachedRun() throws {
    let dir = temporaryDirectory("runs")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let context = CallContext(CallEnvironment(data: try sharedContext.data(), cache: RunCache(directory: dir)))
    let flow = "{epochs: 1, hiddens: [16], train_subset: 600, test_subset: 200}"
    guard case let .history(h) = try run("train", flow, context: context) else { Issue.record("no history"); return }
    let runFiles = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".run") }
    #expect(runFiles.count == 1)
    // evaluate_accuracy on the same settings reuses the stored parameters: its accuracy is the
    // history's test accuracy (the same 200 test images), with no second run file.
    #expect(try run("evaluate_accuracy", flow, context: context) == .number(h[0].testAcc))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".run") }.count == 1)
    // A damaged run file is recomputed, not trusted.
    let path = dir + "/" + runFiles[0]
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    try data.prefix(data.count - 10).write(to: URL(fileURLWithPath: path))
    let fingerprint = try context.environment.dataFingerprint()
    #expect(RunCache(directory: dir).lookup(try LibraryCalls.trainConfig(CallArgs(args(flow), context: context)),
                                            dataFingerprint: fingerprint) == nil)
    guard case let .number(again) = try run("evaluate_accuracy", flow, context: context) else { return }
    #expect(abs(again - h[0].testAcc) <= 1.0 / 200)
}

@Test(.enabled(if: fashionMNISTInstalled)) func concurrentChecksAgreeAndShareTheCache() throws {
    let dir = temporaryDirectory("concurrent")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let shared = Judge(environment: CallEnvironment(data: try sharedContext.data(), cache: RunCache(directory: dir)))
    let s = try #require(spec("call: evaluate_accuracy\nargs: {epochs: 1, hiddens: [8], train_subset: 500, test_subset: 100}\nexpect: number\natol: 0.5\nprompt: p"))
    let results = LockedBox<[String]>([])
    DispatchQueue.concurrentPerform(iterations: 6) { i in
        let word: String
        do { word = try shared.judge(i % 2 == 0 ? "0.5" : "2", for: s).outcome.rawValue } catch { word = "\(error)" }
        results.mutate { $0.append("\(i % 2):\(word)") }
    }
    #expect(Set(results.value) == ["0:correct", "1:incorrect"])
    let files = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(files.filter { $0.hasSuffix(".tmp") }.isEmpty)
    #expect(files.filter { $0.hasSuffix(".run") }.count == 1)
}

/// A value guarded by a lock, for collecting results from concurrent work.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.lock(); defer { lock.unlock() }; return stored }
    func mutate(_ body: (inout T) -> Void) { lock.lock(); body(&stored); lock.unlock() }
}
