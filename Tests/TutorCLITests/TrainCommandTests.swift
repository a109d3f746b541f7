import Foundation
import Testing

private let realData = "/usr/share/datasets/fashion-mnist"
private let haveRealData = FileManager.default.fileExists(atPath: realData + "/train-images-idx3-ubyte.gz")
    || ProcessInfo.processInfo.environment["FASHION_MNIST_DIR"] != nil

struct TrainCommandTests {
    /// The chapter's full setting (784-256-10, batch 256, lr 0.1, 10 epochs) reaches the book's accuracy.
    @Test(.enabled(if: haveRealData, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)"))
    func theChaptersSettingReachesTheBooksAccuracy() throws {
        let output = try TutorBinary.run(["train", "--json"])
        #expect(output.status == 0, "\(output.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
        let epochs = try #require(report["epochs"] as? [[String: Any]])
        #expect(epochs.count == 10)
        #expect(epochs.map { $0["epoch"] as? Int } == Array(1...10))
        let last = try #require(epochs.last)
        let testAcc = try #require(last["test_acc"] as? Double)
        let trainLoss = try #require(last["train_loss"] as? Double)
        #expect(testAcc >= 0.82)
        #expect(trainLoss < 0.45)
        #expect((report["total_seconds"] as? Double ?? 0) > 0)
    }

    @Test(.enabled(if: haveRealData, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)"))
    func plainLinesAndTwoHiddenLayers() throws {
        let output = try TutorBinary.run(["train", "--epochs", "2", "--hiddens", "64,32", "--train-subset", "2000",
                                            "--test-subset", "500"])
        #expect(output.status == 0, "\(output.err)")
        let lines = output.out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("epoch  1  train loss ") == true)
    }

    /// `--hiddens none` trains softmax regression, the baseline of lesson 6.
    @Test(.enabled(if: haveRealData, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)"))
    func noHiddenLayerIsSoftmaxRegression() throws {
        func firstEpoch(_ hiddens: String) throws -> [String: Any] {
            let output = try TutorBinary.run(["train", "--epochs", "1", "--hiddens", hiddens, "--train-subset", "2000",
                                                "--test-subset", "500", "--json"])
            #expect(output.status == 0, "\(output.err)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
            let epochs = try #require(report["epochs"] as? [[String: Any]])
            #expect(epochs.count == 1)
            return try #require(epochs.first)
        }
        let softmax = try firstEpoch("none"), mlp = try firstEpoch("256")
        let loss = try #require(softmax["train_loss"] as? Double)
        #expect(loss > 0.3 && loss < 2.3, "a softmax regression that learned something: \(softmax)")
        #expect(loss != mlp["train_loss"] as? Double, "--hiddens none trained the 256-unit network")
    }

    /// `--validation N` trains on the other training images and measures the held-out ones where
    /// the test accuracy was; the same seed holds out the same images.
    @Test(.enabled(if: haveRealData, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)"))
    func aValidationSplitReplacesTheTestSet() throws {
        func firstEpoch(_ extra: [String]) throws -> (stats: [String: Any], stderr: String) {
            let output = try TutorBinary.run(["train", "--epochs", "1", "--train-subset", "3000", "--json"] + extra)
            #expect(output.status == 0, "\(output.err)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
            return (try #require((report["epochs"] as? [[String: Any]])?.first), output.err)
        }
        let plain = try firstEpoch([]), held = try firstEpoch(["--validation", "5000"])
        let again = try firstEpoch(["--validation", "5000"]), other = try firstEpoch(["--validation", "5000", "--validation-seed", "1"])
        #expect(held.stderr.contains("5000 of the 60000 training images held out"))
        #expect(held.stats["train_loss"] as? Double != plain.stats["train_loss"] as? Double)
        #expect(held.stats["test_acc"] as? Double != plain.stats["test_acc"] as? Double)
        #expect(held.stats["test_acc"] as? Double == again.stats["test_acc"] as? Double)
        #expect(held.stats["train_loss"] as? Double == again.stats["train_loss"] as? Double)
        #expect(held.stats["train_loss"] as? Double != other.stats["train_loss"] as? Double)
    }

    @Test(.enabled(if: haveRealData, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)"))
    func aValidationSetThatLeavesNoTrainingImageIsRefused() throws {
        let output = try TutorBinary.run(["train", "--validation", "60000"])
        #expect(output.status == 2)
        #expect(output.err.contains("--validation 60000 leaves no training image"))
        #expect(output.out.isEmpty)
    }

    @Test(arguments: [["--epochs", "ten"], ["--hiddens", "256,,128"], ["--no-such-flag"], ["--batch-size", "0"]])
    func badFlagsAreUsageErrors(arguments: [String]) throws {
        let output = try TutorBinary.run(["train"] + arguments)
        #expect(output.status == 2)
        #expect(output.err.contains("Usage: tutor train"))
        #expect(output.out.isEmpty)
    }

    @Test func aDataDirectoryThatDoesNotExistIsAnErrorWithItsPath() throws {
        let output = try TutorBinary.run(["train", "--data", "/nonexistent-fashion-mnist"])
        #expect(output.status == 2)
        #expect(output.err.hasPrefix("tutor train: /nonexistent-fashion-mnist: no such directory; the Fashion-MNIST directory must hold"))
    }

    @Test func anEnvironmentDirectoryMissingAFileIsNamedNotPassedOver() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"] {
            try Data().write(to: dir.appendingPathComponent(name))
        }
        var environment = ProcessInfo.processInfo.environment
        environment["FASHION_MNIST_DIR"] = dir.path
        let output = try TutorBinary.run(["train", "--epochs", "1"], environment: environment)
        #expect(output.status == 2)
        #expect(output.err.contains("\(dir.path) (from FASHION_MNIST_DIR): missing t10k-labels-idx1-ubyte (or .gz)"))
        #expect(output.out.isEmpty)
    }

    /// Only where the data set is not installed can the binary show what it says then.
    @Test(.enabled(if: !haveRealData, "Fashion-MNIST is installed here, so it cannot be missing"))
    func aMissingDataSetSaysHowToInstallIt() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["FASHION_MNIST_DIR"] = nil
        let output = try TutorBinary.run(["train"], environment: environment)
        #expect(output.status == 2)
        #expect(output.err.contains("apt-get install dataset-fashion-mnist"))
        #expect(output.err.contains("FASHION_MNIST_DIR"))
    }

    @Test func aDamagedDataSetIsAClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            // Wrong magic number: not IDX at all.
            try Data("not an idx file".utf8).write(to: dir.appendingPathComponent(name))
        }
        let output = try TutorBinary.run(["train", "--data", dir.path])
        #expect(output.status == 2)
        #expect(output.err.contains("train-images-idx3-ubyte: not a valid IDX file: wrong magic number"))
    }
}
