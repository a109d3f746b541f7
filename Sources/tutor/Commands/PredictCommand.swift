import ArgumentParser
import D2L
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor predict`: trains the chapter's network (or loads saved parameters) and shows test
/// images in the terminal with their true and predicted labels, as the book's `predict_ch3`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Show Fashion-MNIST test images with the true and the predicted label.",
        discussion: """
            Without --load the network is trained first with the chapter's setting (or the \
            --epochs/--lr/--hiddens given); --save keeps it for the next time. Images are drawn \
            with half-block characters in 24-bit greys when COLORTERM is truecolor or 24bit, \
            256-colour greys otherwise, and as ASCII shades without colour.
            """)

    @Option(help: "How many test images to show.") var count = 8
    @Flag(help: "Instead of images, print the confusion matrix of the whole test set (rows: true classes, columns: predictions) and each class's accuracy.")
    var confusion = false
    @Option(help: "Show a random sample of the test images drawn with this seed (it also seeds training). Default: the first images, as the book.")
    var seed: UInt64?
    @Option(help: ArgumentHelp("Use saved parameters instead of training (see docs/parameter-file.md).", valueName: "file"))
    var load: String?
    @Option(help: ArgumentHelp("Save the parameters after training.", valueName: "file")) var save: String?
    @OptionGroup(title: "Training (without --load; --hiddens is also the shape a --load file must have)")
    var training: TrainingOptions
    @OptionGroup var data: DataOption
    @OptionGroup var languageOption: LanguageOption
    @OptionGroup var colorOption: ColorOption

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
        if load != nil, save != nil { throw ValidationError("--load and --save together would only copy the file") }
        if let problem = trainConfig.problem { throw ValidationError(problem) }
    }

    var trainConfig: TrainConfig { training.config(seed: seed ?? 0) }

    func run() throws {
        let language = languageOption.language
        let color = colorOption.enabled
        let dataset = data.loadDataset(command: "tutor predict", language: language)

        let params: MLPParameters
        if let load {
            do {
                params = try ParameterFile.read(path: load, inputs: FashionMNIST.pixelsPerImage,
                                                hiddens: training.hiddens, outputs: FashionMNIST.classCount)
            } catch {
                printError("tutor predict: \(error)")
                throw ExitCode(1)
            }
        } else {
            let onTerminal = TerminalSize.isTerminal(STDOUT_FILENO)
            if !onTerminal { printError(TutorText.predictTraining.text(language, trainConfig.epochs)) }
            let observer: TrainingObserver = onTerminal
                ? LiveTrainingDisplay(config: trainConfig, color: color, progressOnly: true) : SilentObserver()
            params = try TrainObserverBox(observer).train(trainConfig, data: dataset)
                .params
            if let save {
                do { try ParameterFile.write(params, to: save) } catch {
                    printError("tutor predict: \(error)")
                    throw ExitCode(1)
                }
                printError(TutorText.predictSaved.text(language, save))
            }
        }

        if confusion {
            let matrix = ConfusionMatrix(predictMLP(params, data: dataset, count: dataset.testCount))
            print(TutorText.predictConfusionHeading.text(language, dataset.testCount))
            print("")
            for line in ConfusionTable.lines(matrix, names: language == .zh ? FashionMNIST.classNamesZh : FashionMNIST.classNames) {
                print(line)
            }
            return
        }
        let indices = PredictCommand.indices(count: count, of: dataset.testCount, seed: seed)
        let predictions = indices.flatMap { predictMLP(params, data: dataset, count: 1, offset: $0) }
        let accuracy = evaluateMLPAccuracy(params, images: dataset.testImages, labels: dataset.testLabels)
        let shape = ([params.inputs] + params.hiddens + [params.outputs]).map(String.init).joined(separator: "-")
        print(TutorText.predictHeading.text(language, shape, String(format: "%.4f", accuracy)))
        print("")
        let depth = color ? ColorDepth.detect(environment: ProcessInfo.processInfo.environment) : .none
        let width = TerminalSize.current().columns - 1
        for line in PredictionGallery.render(predictions, data: dataset, language: language, depth: depth, width: width) {
            print(line)
        }
        print("")
        print(TutorText.predictTally.text(language, predictions.filter(\.isCorrect).count, predictions.count))
    }

    /// The first `count` test indices, or with a seed `count` distinct ones drawn at random.
    static func indices(count: Int, of total: Int, seed: UInt64?) -> [Int] {
        let n = min(count, total)
        guard let seed else { return Array(0..<n) }
        var rng = SeededRNG(seed: seed)
        var pool = Array(0..<total)
        for i in 0..<n {  // a partial Fisher–Yates shuffle: the same picks on every platform
            let j = i + Int(rng.next() % UInt64(total - i))
            pool.swapAt(i, j)
        }
        return Array(pool.prefix(n))
    }
}

/// Test images with their index in the test set and their labels, laid out by `GreyImageGrid`.
enum PredictionGallery {
    static func render(_ predictions: [Prediction], data: FashionMNIST, language: TutorLanguage,
                       depth: ColorDepth, width: Int) -> [String] {
        let names = language == .zh ? FashionMNIST.classNamesZh : FashionMNIST.classNames
        let side = FashionMNIST.imageSide, size = FashionMNIST.pixelsPerImage
        let images = predictions.map { p in
            CaptionedImage(pixels: Array(data.testImages[p.index * size ..< (p.index + 1) * size]), width: side, height: side,
                           caption: [TutorText.predictIndex.text(language, p.index),
                                     TutorText.predictTruth.text(language, names[p.label]),
                                     TutorText.predictPredicted.text(language, names[p.predicted]) + (p.isCorrect ? "" : " ✗")],
                           highlighted: !p.isCorrect)
        }
        return GreyImageGrid(depth: depth).render(images, width: width)
    }
}
