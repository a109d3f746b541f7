import ArgumentParser
import D2L
import Foundation

/// `tutor train`: trains the chapter's MLP on Fashion-MNIST and prints one line per epoch,
/// or with `--json` one JSON object at the end.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the chapter's MLP (784-256-10) on Fashion-MNIST and print each epoch.")

    @Option(help: "Number of epochs.") var epochs = 10
    @Option(help: "Learning rate of the minibatch SGD.") var lr: Float = 0.1
    @Option(help: "Hidden layer widths, comma-separated: 256 is the chapter's net, 256,128 two hidden layers, none softmax regression.")
    var hiddens = HiddenLayers([256])
    @Option(help: "Minibatch size.") var batchSize = 256
    @Option(help: "Seed of the initial weights and of the shuffling.") var seed: UInt64 = 0
    @Option(help: "Directory holding the four Fashion-MNIST files (else $FASHION_MNIST_DIR, then /usr/share/datasets/fashion-mnist).")
    var data: String?
    @Option(help: "Train on the first N training images only.") var trainSubset: Int?
    @Option(help: "Test on the first N test images only.") var testSubset: Int?
    @OptionGroup var validationOption: ValidationOption
    @Flag(help: "Print one JSON object with every epoch instead of lines.") var json = false
    @OptionGroup var visuals: TrainVisualOptions

    var config: TrainConfig {
        TrainConfig(epochs: epochs, lr: lr, hiddens: hiddens.widths, batchSize: batchSize, seed: seed,
                    trainSubset: trainSubset, testSubset: testSubset)
    }

    func validate() throws {
        if let problem = config.problem { throw ValidationError(problem) }
    }

    func run() throws {
        let started = Date()  // total_seconds counts loading the data too
        let dataset: FashionMNIST
        do {
            dataset = try validationOption.apply(to: FashionMNIST.load(directory: data), command: "train")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("tutor train: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let result = try visuals.observer(json: json, config: config).train(config, data: dataset)
        if json {
            print(TrainOutput.json(result.history, totalSeconds: Date().timeIntervalSince(started)))
        }
        try visuals.finish(result, config: config)
    }
}

/// `--hiddens 256,128`: one or more positive widths; `none`: no hidden layer (softmax regression).
struct HiddenLayers: ExpressibleByArgument {
    var widths: [Int]
    init(_ widths: [Int]) { self.widths = widths }

    init?(argument: String) {
        if argument.trimmingCharacters(in: .whitespaces).lowercased() == "none" {
            widths = []
            return
        }
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        widths = parts.map { $0! }
    }

    var defaultValueDescription: String { widths.isEmpty ? "none" : widths.map(String.init).joined(separator: ",") }
}
