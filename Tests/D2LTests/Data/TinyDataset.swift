@testable import D2L

/// A small made-up data set in Fashion-MNIST's file layout, for loader tests.
struct TinyDataset {
    var trainCount = 10, testCount = 4

    /// Pixel p of image i is (i * 31 + p) mod 256, the label is i mod 10: easy to check.
    func images(_ n: Int) -> IDXFile {
        IDXFile(dims: [n, 28, 28], bytes: (0..<n * 784).map { UInt8(truncatingIfNeeded: ($0 / 784) * 31 + $0 % 784) })
    }
    func labels(_ n: Int) -> IDXFile { IDXFile(dims: [n], bytes: (0..<n).map { UInt8($0 % 10) }) }

    /// Writes the four files (gzip or not) into `dir`; `override` replaces one file's bytes.
    func write(to dir: TempDirectory, gzip: Bool = true, override: [String: [UInt8]] = [:]) {
        let files = [images(trainCount), labels(trainCount), images(testCount), labels(testCount)]
        for (name, file) in zip(FashionMNIST.fileNames, files) {
            let bytes = override[name] ?? file.encoded()
            dir.write(gzip ? name + ".gz" : name, gzip ? Gzip.compress(bytes) : bytes)
        }
    }
}
