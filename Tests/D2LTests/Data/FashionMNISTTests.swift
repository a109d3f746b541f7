import Foundation
import Testing
@testable import D2L

@Suite struct FashionMNISTTests {
    @Test(arguments: [true, false])
    func loadsGzipOrPlainFiles(gzip: Bool) throws {
        let dir = TempDirectory()
        let tiny = TinyDataset()
        tiny.write(to: dir, gzip: gzip)
        let data = try FashionMNIST.load(directory: dir.path)
        #expect(data.trainCount == 10 && data.testCount == 4)
        #expect(data.trainImages == tiny.images(10).bytes)
        #expect(data.testLabels == [0, 1, 2, 3])
    }

    @Test func theDirectoryIsTheFlagThenTheEnvironmentThenTheSystemOne() {
        #expect(FashionMNIST.dataDirectory(directory: "/a", environment: ["FASHION_MNIST_DIR": "/b"]) == ("/a", .given))
        #expect(FashionMNIST.dataDirectory(directory: nil, environment: ["FASHION_MNIST_DIR": "/b"]) == ("/b", .environment))
        #expect(FashionMNIST.dataDirectory(directory: nil, environment: ["FASHION_MNIST_DIR": ""]) == ("/usr/share/datasets/fashion-mnist", .system))
    }

    @Test func aGivenDirectoryMissingOneFileIsAnErrorNamingIt() throws {
        let dir = TempDirectory()
        TinyDataset().write(to: dir)
        try FileManager.default.removeItem(atPath: (dir.path as NSString).appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        let error = try #require(thrown { try FashionMNIST.load(directory: dir.path, environment: [:]) })
        #expect(error == .incompleteDirectory(dir.path, source: .given, problem: "missing t10k-labels-idx1-ubyte (or .gz)"))
        #expect(error.description.hasPrefix("\(dir.path): missing t10k-labels-idx1-ubyte (or .gz); the Fashion-MNIST directory must hold"))
    }

    @Test func anEnvironmentDirectoryMissingOneFileIsAnErrorNotAFallback() throws {
        let dir = TempDirectory()
        TinyDataset().write(to: dir)
        try FileManager.default.removeItem(atPath: (dir.path as NSString).appendingPathComponent("train-images-idx3-ubyte.gz"))
        let error = try #require(thrown { try FashionMNIST.load(environment: ["FASHION_MNIST_DIR": dir.path]) })
        #expect(error == .incompleteDirectory(dir.path, source: .environment, problem: "missing train-images-idx3-ubyte (or .gz)"))
        #expect(error.description.hasPrefix("\(dir.path) (from FASHION_MNIST_DIR): missing train-images-idx3-ubyte"))
        #expect(error.description.hasSuffix("or unset FASHION_MNIST_DIR to use /usr/share/datasets/fashion-mnist"))
    }

    @Test func aGivenDirectoryThatDoesNotExistIsAnErrorWithItsPath() throws {
        let error = try #require(thrown { try FashionMNIST.load(directory: "/nonexistent-fashion", environment: [:]) })
        #expect(error == .incompleteDirectory("/nonexistent-fashion", source: .given, problem: "no such directory"))
        let dir = TempDirectory()
        let file = dir.write("a-file", [1])
        #expect(thrown { try FashionMNIST.load(directory: file, environment: [:]) } == .incompleteDirectory(file, source: .given, problem: "not a directory"))
    }

    @Test func theGivenDirectoryWinsOverTheEnvironment() throws {
        let given = TempDirectory(), other = TempDirectory()
        TinyDataset(trainCount: 20, testCount: 3).write(to: given)
        let data = try FashionMNIST.load(directory: given.path, environment: ["FASHION_MNIST_DIR": other.path])
        #expect(data.trainCount == 20)
    }

    @Test func missingDataSaysHowToInstallIt() {
        let error = DatasetError.notFound(searched: ["/usr/share/datasets/fashion-mnist"])
        #expect(error.description.contains("/usr/share/datasets/fashion-mnist"))
        #expect(error.description.contains("apt-get install dataset-fashion-mnist"))
        #expect(error.description.contains("FASHION_MNIST_DIR"))
    }

    @Test(arguments: [(10, 0, "t10k-images-idx3-ubyte.gz"), (0, 4, "train-images-idx3-ubyte.gz")])
    func aSetWithNoImagesIsAnErrorNamingTheFile(train: Int, test: Int, file: String) throws {
        let dir = TempDirectory()
        TinyDataset(trainCount: train, testCount: test).write(to: dir)
        let error = try #require(thrown { try FashionMNIST.load(directory: dir.path, environment: [:]) })
        #expect(error == .inconsistent(file: (dir.path as NSString).appendingPathComponent(file),
                                       reason: "holds no images; training and testing need at least one each"))
    }

    @Test func truncatedImageFileNamesTheFile() {
        let dir = TempDirectory()
        let tiny = TinyDataset()
        let cut = Array(tiny.images(10).encoded().dropLast(100))
        tiny.write(to: dir, override: ["t10k-images-idx3-ubyte": tiny.images(4).encoded(), "train-images-idx3-ubyte": cut])
        do {
            _ = try FashionMNIST.load(directory: dir.path)
            Issue.record("a truncated file loaded")
        } catch let error as DatasetError {
            guard case let .badIDX(file, reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file.hasSuffix("train-images-idx3-ubyte.gz"))
            #expect(reason.hasPrefix("truncated"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func labelCountMustMatchImages() {
        let dir = TempDirectory()
        let tiny = TinyDataset()
        tiny.write(to: dir, override: ["train-labels-idx1-ubyte": tiny.labels(9).encoded()])
        #expect(throws: DatasetError.self) { try FashionMNIST.load(directory: dir.path) }
        do { _ = try FashionMNIST.load(directory: dir.path) } catch {
            #expect("\(error)".contains("has 9 labels but"))
        }
    }

    @Test func labelsOutsideTheTenClassesAreRejected() {
        let dir = TempDirectory()
        TinyDataset().write(to: dir, override: ["t10k-labels-idx1-ubyte": IDXFile(dims: [4], bytes: [0, 1, 12, 3]).encoded()])
        do { _ = try FashionMNIST.load(directory: dir.path); Issue.record("bad label accepted") } catch {
            #expect("\(error)".contains("label 12 at index 2 is not a class 0…9"))
        }
    }

    @Test func imagesMustBe28By28() {
        let dir = TempDirectory()
        TinyDataset().write(to: dir, override: ["train-images-idx3-ubyte": IDXFile(dims: [10, 784], bytes: [UInt8](repeating: 0, count: 7840)).encoded()])
        do { _ = try FashionMNIST.load(directory: dir.path); Issue.record("flat images accepted") } catch {
            #expect("\(error)".contains("expected images of shape [N, 28, 28], found dimensions [10, 784]"))
        }
    }

    @Test func classNamesInBothLanguages() {
        #expect(FashionMNIST.classNames.count == 10 && FashionMNIST.classNamesZh.count == 10)
        #expect(FashionMNIST.classNames[9] == "ankle boot" && FashionMNIST.classNamesZh[9] == "短靴")
        #expect(FashionMNIST.classNames[0] == "t-shirt" && FashionMNIST.classNamesZh[0] == "T恤")
    }

    @Test func subsetTakesThePrefix() throws {
        let dir = TempDirectory()
        TinyDataset().write(to: dir)
        let data = try FashionMNIST.load(directory: dir.path).subset(train: 3, test: nil)
        #expect(data.trainCount == 3 && data.testCount == 4)
        #expect(data.trainLabels == [0, 1, 2])
        #expect(data.trainImages.count == 3 * 784)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"),
                   "the real Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)"))
    func realDataHasTheKnownShape() throws {
        let data = try FashionMNIST.load(directory: "/usr/share/datasets/fashion-mnist")
        #expect(data.trainCount == 60_000 && data.testCount == 10_000)
        var perClass = [Int](repeating: 0, count: 10)
        for label in data.trainLabels { perClass[Int(label)] += 1 }
        #expect(perClass == [Int](repeating: 6000, count: 10))
        #expect(data.trainLabels.prefix(3) == [9, 0, 0])  // the first images: ankle boot, t-shirt, t-shirt
    }

    private func thrown(_ body: () throws -> Any) -> DatasetError? {
        do { _ = try body(); return nil } catch { return error as? DatasetError }
    }
}
