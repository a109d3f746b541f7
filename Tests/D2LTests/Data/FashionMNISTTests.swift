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

    @Test func searchOrderIsFlagThenEnvironmentThenSystem() {
        let path = FashionMNIST.searchPath(directory: "/a", environment: ["FASHION_MNIST_DIR": "/b"])
        #expect(path == ["/a", "/b", "/usr/share/datasets/fashion-mnist"])
        #expect(FashionMNIST.searchPath(directory: nil, environment: [:]) == ["/usr/share/datasets/fashion-mnist"])
    }

    @Test func fallsThroughToTheNextDirectoryWithAllFiles() throws {
        let empty = TempDirectory(), full = TempDirectory()
        TinyDataset(trainCount: 20, testCount: 3).write(to: full)
        let data = try FashionMNIST.load(searching: [empty.path, full.path])
        #expect(data.trainCount == 20)
    }

    @Test func missingDataSaysHowToInstallIt() {
        let empty = TempDirectory()
        do {
            _ = try FashionMNIST.load(searching: [empty.path, "/nowhere"])
            Issue.record("loaded from empty directories")
        } catch {
            let text = "\(error)"
            #expect(text.contains(empty.path) && text.contains("/nowhere"))
            #expect(text.contains("apt-get install dataset-fashion-mnist"))
            #expect(text.contains("FASHION_MNIST_DIR"))
        }
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
}
