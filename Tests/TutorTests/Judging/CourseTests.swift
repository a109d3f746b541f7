import Foundation
import Testing
import D2L
import TerminalMarkdown
import Yams
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

// The course in lessons/: its structure, and the facts its prose and multiple-choice keys state
// that the library can compute. A wrong fact in a lesson is a bug, so each such fact is either a
// checkpoint (whose reference the library computes) or is checked here.

/// The lesson files on disk, read relative to this source file (the package root is three levels up).
enum CourseFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lessonsDirectory = packageRoot.appendingPathComponent("lessons")
    static let languages = ["en", "zh"]
    /// The lessons of the notes, in order.
    static let expectedFiles = [
        "00-how-to-use.md", "01-data.md", "02-parameters.md", "03-relu.md", "04-model.md",
        "05-loss.md", "06-training.md", "07-prediction.md", "08-exercises.md",
    ]

    static func text(_ language: String, _ file: String) throws -> String {
        try String(contentsOf: lessonsDirectory.appendingPathComponent(language).appendingPathComponent(file),
                   encoding: .utf8)
    }

    static func files(_ language: String) throws -> [String] {
        try FileManager.default
            .contentsOfDirectory(atPath: lessonsDirectory.appendingPathComponent(language).path)
            .filter { $0.hasSuffix(".md") }.sorted()
    }

    /// The checkpoint blocks of a lesson: id and YAML body, in order.
    static func checkpoints(_ language: String, _ file: String) throws -> [(id: String, body: String)] {
        let document = parseMarkdown(try text(language, file))
        return document.codeBlocks(withInfoWord: "checkpoint").map { block in
            (id: block.infoWords.count > 1 ? block.infoWords[1] : "", body: block.literal ?? "")
        }
    }

    /// One checkpoint's YAML as a dictionary.
    static func spec(_ language: String, _ file: String, _ id: String) throws -> [String: Any] {
        guard let block = try checkpoints(language, file).first(where: { $0.id == id }) else {
            Issue.record("no checkpoint \(id) in \(language)/\(file)")
            return [:]
        }
        return (try Yams.load(yaml: block.body) as? [String: Any]) ?? [:]
    }

    /// The text of the keyed choice of a multiple-choice checkpoint (`answer: c` → choices[2]).
    static func keyedChoice(_ language: String, _ file: String, _ id: String) throws -> String? {
        let spec = try spec(language, file, id)
        guard let choices = spec["choices"] as? [Any], let answer = spec["answer"] as? String,
              let letter = answer.lowercased().unicodeScalars.first else { return nil }
        let index = Int(letter.value) - Int(UnicodeScalar("a").value)
        return choices.indices.contains(index) ? "\(choices[index])" : nil
    }
}

/// Parses "[[0, 0.5, 1]]"-style text into its numbers (the keys of tensor-valued choices).
private func numbers(in text: String) -> [Float] {
    text.split(whereSeparator: { !"0123456789.-e".contains($0) }).compactMap { Float(String($0)) }
}

private func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

@Suite struct CourseStructureTests {
    @Test func bothLanguagesHaveTheNineLessonsOfTheNotes() throws {
        for language in CourseFiles.languages {
            #expect(try CourseFiles.files(language) == CourseFiles.expectedFiles, "lessons/\(language)")
        }
    }

    @Test func everyLessonStartsWithItsTitle() throws {
        for language in CourseFiles.languages {
            for file in CourseFiles.expectedFiles {
                let document = parseMarkdown(try CourseFiles.text(language, file))
                let first = document.children.first
                #expect(first?.kind == .heading && first?.headingLevel == 1, "\(language)/\(file)")
            }
        }
    }

    @Test func checkpointIDsAgreeAcrossLanguagesAndAreUnique() throws {
        var seen = Set<String>()
        for file in CourseFiles.expectedFiles {
            let en = try CourseFiles.checkpoints("en", file).map(\.id)
            let zh = try CourseFiles.checkpoints("zh", file).map(\.id)
            #expect(en == zh, "\(file): en \(en) vs zh \(zh)")
            for id in en {
                #expect(seen.insert(id).inserted, "checkpoint id \(id) used twice")
            }
        }
    }

    /// Lessons 6–8 ask for decisions, not transcriptions: every number or tensor checkpoint there
    /// has at least two graded hints and at least one diagnosed mistake, in both languages.
    @Test func experimentCheckpointsHaveGradedHintsAndMistakes() throws {
        for language in CourseFiles.languages {
            for file in ["06-training.md", "07-prediction.md", "08-exercises.md"] {
                for block in try CourseFiles.checkpoints(language, file) {
                    let spec = (try Yams.load(yaml: block.body) as? [String: Any]) ?? [:]
                    guard let kind = spec["expect"] as? String, ["number", "tensor"].contains(kind) else { continue }
                    let hints = (spec["hints"] as? [Any])?.count ?? 0, mistakes = (spec["mistakes"] as? [Any])?.count ?? 0
                    #expect(hints >= 2, "\(language)/\(file) \(block.id): \(hints) hints")
                    #expect(mistakes >= 1, "\(language)/\(file) \(block.id): no mistake")
                }
            }
        }
    }

    /// Lessons 1–8 have at least three checkpoints of at least two kinds, and relu,
    /// net, loss and train are each the reference of at least two checkpoints.
    @Test func everyLessonHasEnoughCheckpointsOfSeveralKinds() throws {
        var calls: [String: Int] = [:]
        for file in CourseFiles.expectedFiles {
            var kinds = Set<String>()
            let blocks = try CourseFiles.checkpoints("en", file)
            for block in blocks {
                let spec = (try Yams.load(yaml: block.body) as? [String: Any]) ?? [:]
                kinds.insert(spec["expect"] as? String ?? "?")
                if let call = spec["call"] as? String { calls[call, default: 0] += 1 }
            }
            if file != "00-how-to-use.md" {
                #expect(blocks.count >= 3, "\(file) has \(blocks.count) checkpoints")
                #expect(kinds.count >= 2, "\(file) uses only \(kinds)")
            }
        }
        for call in ["relu", "net", "loss", "train"] {
            #expect(calls[call, default: 0] >= 2, "\(call) is the reference of \(calls[call, default: 0]) checkpoints")
        }
    }
}

/// Every lesson in both languages parses, lints and renders at widths 60 and 100.
///
/// Lint here computes every reference that needs no training (relu, net, loss, shapes, counts,
/// the learner-code cases but train's); the training references are computed by
/// `tutor lint lessons` in `make test` (cached), and the full chapter run is
/// checked by `TrainedNetworkFactTests`.
@Suite struct CourseLintAndRenderTests {
    /// Whether the checkpoint's reference or a mistake trains a network (without a run cache,
    /// every training is expensive).
    static func trains(_ spec: CheckpointSpec) -> Bool {
        sharedJudge.isExpensive(spec, learner: Linter.sampleLearner)
    }

    @Test func everyLessonParsesAndItsCheapCheckpointsLint() throws {
        let course = try Course.load(directory: CourseFiles.lessonsDirectory.path)
        #expect(course.languages == CourseFiles.languages)
        let linter = Linter(judge: Judge(environment: CallEnvironment(cache: nil)))
        var linted = 0
        for language in course.languages {
            let lessons = course.lessons(in: language)
            #expect(lessons.map { $0.id + ".md" } == CourseFiles.expectedFiles)
            for lesson in lessons {
                #expect(lesson.errors.isEmpty, "\(lesson.file): \(lesson.errors)")
                #expect(lesson.title != lesson.id, "\(lesson.file) has no title")
                for spec in lesson.checkpoints {
                    if Self.trains(spec) { continue }
                    if spec.code?.function == .train { continue }
                    // Real images need the data set; without it those checkpoints cannot compute.
                    if !realDataInstalled, "\(spec.args)".contains("images") { continue }
                    let problems = linter.lint(spec)
                    #expect(problems.isEmpty, "\(problems.map(\.description))")
                    linted += 1
                }
            }
        }
        #expect(linted >= 50)
    }

    @Test(arguments: [60, 100]) func everyLessonRendersWithinTheWidth(width: Int) throws {
        for language in CourseFiles.languages {
            for file in CourseFiles.expectedFiles {
                let document = parseMarkdown(try CourseFiles.text(language, file))
                for color in [false, true] {
                    let lines = TerminalRenderer(options: RenderOptions(width: width, color: color)).render(document)
                    #expect(lines.count > 20, "\(language)/\(file) at \(width)")
                    let widest = lines.map(displayWidth).max() ?? 0
                    #expect(widest <= width, "\(language)/\(file) at \(width): a line of \(widest) columns")
                }
            }
        }
    }
}

@Suite struct CourseFactTests {
    /// Lesson 1 lists the classes by label; the list must be the library's names, in order.
    @Test func lessonOneListsTheLibrarysClassNames() throws {
        for (language, names) in [("en", FashionMNIST.classNames), ("zh", FashionMNIST.classNamesZh)] {
            let document = parseMarkdown(try CourseFiles.text(language, "01-data.md"))
            let list = document.allNodes.first { $0.kind == .list && $0.listType == .ordered }
            #expect(list?.listStart == 0)
            let items = list?.children.map { $0.plainText.trimmingCharacters(in: .whitespacesAndNewlines) } ?? []
            #expect(items == names, "lessons/\(language)/01-data.md")
        }
    }

    /// data-label-9: the keyed choice is the name of class 9.
    @Test func labelNineIsTheKeyedChoice() throws {
        #expect(try CourseFiles.keyedChoice("en", "01-data.md", "data-label-9") == FashionMNIST.classNames[9])
        #expect(try CourseFiles.keyedChoice("zh", "01-data.md", "data-label-9") == FashionMNIST.classNamesZh[9])
    }

    /// data-batches-per-epoch and lesson 1's prose: 60,000 images in batches of 256 make 235
    /// batches, the last of 96 images; 10 epochs are 2,350 updates.
    @Test func batchesPerEpochMatchTheDataLoader() throws {
        let count = 60_000
        let loader = DataLoader(images: [UInt8](repeating: 0, count: count * 784),
                                labels: [UInt8](repeating: 0, count: count), batchSize: 256, shuffle: false)
        for language in CourseFiles.languages {
            let key = try CourseFiles.keyedChoice(language, "01-data.md", "data-batches-per-epoch")
            #expect(key.flatMap { Int($0) } == loader.batchCount)
        }
        #expect(loader.rows(ofBatch: loader.batchCount - 1) == 96)
        #expect(loader.batchCount - 1 == 234)
        #expect(loader.batchCount * 10 == 2_350)
    }

    /// Lesson 2: 203,530 parameters for 784-256-10, and 7,850 for softmax regression.
    @Test func parameterCounts() {
        #expect(MLPParameters.initialize(hiddens: [256]).parameterCount == 203_530)
        #expect(MLPParameters.initialize(hiddens: []).parameterCount == 7_850)
        let params = MLPParameters.initialize()
        #expect(params.weights.map(\.shape) == [[784, 256], [256, 10]])
        #expect(params.biases.map(\.shape) == [[256], [10]])
        #expect(params.biases.allSatisfy { $0.scalars.allSatisfy { $0 == 0 } })
    }

    /// init-symmetry (key: one distinct column): W1 and W2 all ones stay symmetric under SGD.
    @Test func constantInitialisationStaysSymmetric() throws {
        let inputs = 12, hidden = 6, outputs = 3, batch = 16
        let start = MLPParameters(
            weights: [Tensor.ones([inputs, hidden]) * 0.1, Tensor.ones([hidden, outputs]) * 0.1],
            biases: [Tensor.zeros([hidden]), Tensor.zeros([outputs])])
        let vars = MLPVariables(start)
        let optimizer = SGD(vars.all, lr: 0.1)
        var rng = SeededRNG(seed: 5)
        for _ in 0..<20 {
            let X = Tensor.randn([batch, inputs], rng: &rng)
            let y = (0..<batch).map { $0 % outputs }
            optimizer.zeroGrad()
            crossEntropy(net(X, vars), y, reduction: .mean).backward()
            optimizer.step()
        }
        let W1 = vars.weights[0].value
        #expect(W1 != start.weights[0], "the weights should have moved")
        for row in 0..<inputs {
            let values = (0..<hidden).map { W1.scalars[row * hidden + $0] }
            #expect(values.max()! - values.min()! <= 1e-5, "row \(row) of W1: \(values)")
        }
        #expect(try CourseFiles.keyedChoice("en", "02-parameters.md", "init-symmetry")?.hasPrefix("1") == true)
        #expect(try CourseFiles.keyedChoice("zh", "02-parameters.md", "init-symmetry")?.hasPrefix("1") == true)
    }

    /// Lesson 2's zero initialisation: with every weight zero, only b2 receives a gradient.
    @Test func zeroInitialisationOnlyTrainsTheOutputBias() {
        let vars = MLPVariables(MLPParameters.initialize(inputs: 8, hiddens: [4], outputs: 3, scale: 0))
        let X = Tensor.randn([5, 8], seed: 2)
        crossEntropy(net(X, vars), [0, 1, 2, 0, 1], reduction: .mean).backward()
        #expect(vars.weights[0].grad?.scalars.allSatisfy { $0 == 0 } ?? true)
        #expect(vars.weights[1].grad?.scalars.allSatisfy { $0 == 0 } ?? true)
        #expect(vars.biases[0].grad?.scalars.allSatisfy { $0 == 0 } ?? true)
        #expect(vars.biases[1].grad?.scalars.contains { $0 != 0 } == true)
    }

    /// Lesson 3's by-hand relu (one map over the scalars) is the library's relu.
    @Test func byHandReluMatchesTheLibrary() {
        let X = Tensor.randn([4, 5], seed: 3)
        let byHand = X.map { max($0, 0) }
        #expect(byHand == relu(X))
    }

    /// relu-why (key: a single linear map): without relu the two layers collapse into one.
    @Test func withoutReluTwoLayersAreOneLinearMap() {
        let p = MLPParameters.initialize(inputs: 6, hiddens: [5], outputs: 3, scale: 1, seed: 4)
        let X = Tensor.randn([7, 6], seed: 9)
        let twoLayers = matmul(matmul(X, p.weights[0]) + p.biases[0], p.weights[1]) + p.biases[1]
        let oneLayer = matmul(X, matmul(p.weights[0], p.weights[1]))
            + (matmul(try! p.biases[0].reshaped([1, 5]), p.weights[1]) + p.biases[1])
        #expect(maxAbsDifference(twoLayers.scalars, oneLayer.scalars) < 1e-4)
    }

    /// net-broadcast (key: column j gets b1[j]) and lesson 4's by-hand net.
    @Test func biasBroadcastsAlongColumnsAndByHandNetMatches() throws {
        let b = Tensor([0, 1, 2, 3])
        let sum = Tensor.zeros([4, 4]) + b
        for row in 0..<4 { #expect(Array(sum.scalars[row * 4 ..< row * 4 + 4]) == [0, 1, 2, 3]) }

        let p = MLPParameters.initialize(seed: 0)
        let X = Tensor.randn([3, 1, 28, 28], seed: 1)
        let rows = try X.reshaped([-1, 784])
        let H = relu(matmul(rows, p.weights[0]) + p.biases[0])
        let byHand = matmul(H, p.weights[1]) + p.biases[1]
        let library = net(X, p)
        #expect(library.shape == [3, 10])
        #expect(maxAbsDifference(byHand.scalars, library.scalars) < 1e-5)
    }

    /// net-broadcast-fails (key: the 235th batch, of 96 images): a (256, 1) bias broadcasts
    /// against a full batch's (256, 256) and fails against the last batch's (96, 256).
    @Test func columnBiasFailsOnlyOnTheLastBatch() throws {
        let loader = DataLoader(images: [UInt8](repeating: 0, count: 60_000 * 784),
                                labels: [UInt8](repeating: 0, count: 60_000), batchSize: 256, shuffle: false)
        let column = [256, 1]
        for batch in 0..<(loader.batchCount - 1) {
            #expect(Tensor.broadcastShape([loader.rows(ofBatch: batch), 256], column) == [256, 256])
        }
        let last = loader.batchCount - 1
        #expect(last + 1 == 235)
        #expect(Tensor.broadcastShape([loader.rows(ofBatch: last), 256], column) == nil)
        for language in CourseFiles.languages {
            let key = try CourseFiles.keyedChoice(language, "04-model.md", "net-broadcast-fails") ?? ""
            #expect(key.contains("235") && key.contains("96"), "\(language): key \(key)")
        }
    }

    /// Lesson 5: exp overflows Float32 at 89, underflows at -1000, and the fused loss stays exact.
    @Test func overflowFactsAndTheStableLoss() {
        #expect(expf(89).isInfinite && expf(88).isFinite)
        #expect(expf(-1000) == 0)
        let loss = crossEntropy(Tensor([[1000, 0, -1000], [1000, 0, -1000]]), [0, 2], reduction: .none)
        #expect(maxAbsDifference(loss.scalars, [0, 2000]) < 1e-3)
    }

    /// loss-sum-lr (key lr / 256): the gradient of the summed loss is batch-size times that of the mean.
    @Test func summedGradientIsBatchSizeTimesTheMean() throws {
        let n = 256
        let logits = Tensor.randn([n, 10], seed: 6)
        let labels = (0..<n).map { ($0 * 7) % 10 }
        let a = Variable(logits, requiresGrad: true), b = Variable(logits, requiresGrad: true)
        crossEntropy(a, labels, reduction: .sum).backward()
        crossEntropy(b, labels, reduction: .mean).backward()
        let summed = a.grad!.scalars, mean = b.grad!.scalars
        #expect(maxAbsDifference(summed, mean.map { $0 * Float(n) }) < 1e-4)
        for language in CourseFiles.languages {
            let key = try CourseFiles.keyedChoice(language, "05-loss.md", "loss-sum-lr") ?? ""
            #expect(key.hasPrefix("0.1 / 256"), "\(language): key \(key)")
        }
    }

    /// Lesson 5 and lesson 2: a fresh network's logits are near 0, so its first loss is near log 10;
    /// with weights of scale 1 instead of 0.01, hidden pre-activations reach tens.
    @Test(.enabled(if: realDataInstalled)) func freshNetworkOnRealImages() throws {
        let data = try FashionMNIST.load()
        let X = Tensor(shape: [256, 784], scalars: data.trainImages[0 ..< 256 * 784].map { Float($0) / 255 })
        let y = data.trainLabels[0 ..< 256].map { Int($0) }
        let loss = crossEntropy(net(X, MLPParameters.initialize(seed: 0)), y, reduction: .mean).scalar
        #expect(abs(loss - log(10)) < 0.05, "first loss \(loss)")
        let unscaled = matmul(X, Tensor.randn([784, 256], seed: 0))
        let typical = (unscaled.scalars.map { $0 * $0 }.reduce(0, +) / Float(unscaled.count)).squareRoot()
        #expect(typical > 5 && typical < 30, "typical pre-activation \(typical)")
    }

    /// Lessons 1 and 7: the counts, the balance, and the labels the text names.
    @Test(.enabled(if: realDataInstalled)) func realDataFacts() throws {
        let data = try FashionMNIST.load()
        #expect(data.trainCount == 60_000 && data.testCount == 10_000)
        #expect(data.trainImages.count == 60_000 * 28 * 28)
        var train = [Int](repeating: 0, count: 10), test = [Int](repeating: 0, count: 10)
        for label in data.trainLabels { train[Int(label)] += 1 }
        for label in data.testLabels { test[Int(label)] += 1 }
        #expect(train == [Int](repeating: 6_000, count: 10))
        #expect(test == [Int](repeating: 1_000, count: 10))
        #expect(data.trainLabels[0] == 9)                     // data-label-9
        // lesson 7: the first test image is an ankle boot, and the first six include a pullover
        // (2), trousers (1) and a shirt (6).
        let firstSix = data.testLabels[0 ..< 6].map { Int($0) }
        #expect(firstSix[0] == 9)
        #expect(firstSix.contains(2) && firstSix.filter { $0 == 1 }.count >= 2 && firstSix.contains(6))
    }
}

/// Lessons 1, 6 and 7 describe the chapter's trained network: test accuracy about 0.85, final
/// training loss a little under 0.4, test accuracy a little below training accuracy, and its
/// mistakes: mostly among the upper-body garments (t-shirt, pullover, coat, shirt), shirts most
/// of all (taken for t-shirts and pullovers), coats taken for pullovers, and among the shoes,
/// ankle boots and sandals taken for sneakers. One full training run checks all of it.
@Suite(.serialized) struct TrainedNetworkFactTests {
    @Test(.enabled(if: realDataInstalled)) func theChaptersNetworkAndItsMistakes() throws {
        let data = try FashionMNIST.load()
        let result = try trainMLP(TrainConfig(), data: data)
        let last = try #require(result.history.last)
        #expect(last.testAcc > 0.83 && last.testAcc < 0.87, "test accuracy \(last.testAcc)")
        #expect(last.trainLoss > 0.3 && last.trainLoss < 0.4, "train loss \(last.trainLoss)")
        #expect(last.testAcc < last.trainAcc)
        #expect(result.history.first!.trainLoss > last.trainLoss)

        let predictions = predictMLP(result.params, data: data, count: data.testCount)
        let errors = predictions.filter { $0.label != $0.predicted }
        let upper: Set<Int> = [0, 2, 4, 6]
        let amongUpper = errors.filter { upper.contains($0.label) && upper.contains($0.predicted) }.count
        #expect(Double(amongUpper) / Double(errors.count) > 0.5, "\(amongUpper) of \(errors.count) errors")
        // data-look-alike: the keyed choice names exactly these four classes.
        for (language, names) in [("en", FashionMNIST.classNames), ("zh", FashionMNIST.classNamesZh)] {
            let key = try CourseFiles.keyedChoice(language, "01-data.md", "data-look-alike") ?? ""
            #expect(upper.allSatisfy { key.contains(names[$0]) }, "\(language): key \(key)")
        }

        func errorsOf(_ label: Int) -> [Int: Int] {
            errors.filter { $0.label == label }.reduce(into: [:]) { $0[$1.predicted, default: 0] += 1 }
        }
        func mostCommonWrong(_ label: Int) -> Int? { errorsOf(label).max { $0.value < $1.value }?.key }
        let errorsPerClass = (0..<10).map { label in errors.filter { $0.label == label }.count }
        #expect(errorsPerClass.firstIndex(of: errorsPerClass.max()!) == 6, "errors per class \(errorsPerClass)")
        let shirtTop2 = errorsOf(6).sorted { $0.value > $1.value }.prefix(2).map(\.key)
        #expect(Set(shirtTop2) == [0, 2], "shirts are mostly taken for \(shirtTop2)")
        #expect(mostCommonWrong(4) == 2, "coats are mostly taken for \(String(describing: mostCommonWrong(4)))")
        #expect(mostCommonWrong(9) == 7 && mostCommonWrong(5) == 7)

        // train-test-above-train: the test accuracy is above the training accuracy after epochs 1
        // and 2, below it from epoch 3 on.
        for s in result.history.prefix(2) { #expect(s.testAcc > s.trainAcc, "epoch \(s.epoch): \(s)") }
        for s in result.history.dropFirst(2) { #expect(s.testAcc < s.trainAcc, "epoch \(s.epoch): \(s)") }

        // lesson 7: the first six test images are right; among images 12 to 23 the wrong ones are
        // 12 (sneaker → sandal), 17 (coat → pullover, the keyed choice of predict-coat-confusion)
        // and 23 (ankle boot → sneaker).
        #expect(predictions.prefix(6).allSatisfy { $0.isCorrect })
        let wrong = predictions[12 ..< 24].filter { !$0.isCorrect }.map { [$0.index, $0.label, $0.predicted] }
        #expect(wrong == [[12, 7, 5], [17, 4, 2], [23, 9, 7]])
        for language in CourseFiles.languages {
            let key = try CourseFiles.keyedChoice(language, "07-prediction.md", "predict-coat-confusion") ?? ""
            #expect(key.contains("(2)") || key.contains("（2）"), "\(language): key \(key)")
        }
    }
}

/// True when Fashion-MNIST can be loaded from its usual places.
let realDataInstalled: Bool = [FashionMNIST.dataDirectory(directory: nil).path].contains { dir in
    FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        || FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("t10k-labels-idx1-ubyte"))
}
