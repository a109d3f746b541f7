import Foundation

/// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 60,000 training and 10,000 test images of
/// 28×28 grey pixels in ten classes of clothing.
///
/// The images stay bytes (784 per image, 0…255) in memory: 55 MB instead of 220 MB as floats;
/// the data loader scales each batch to [0, 1] as it is taken.
public struct FashionMNIST: Sendable {
    public static let imageSide = 28
    public static let pixelsPerImage = 784
    public static let classCount = 10

    public let trainImages: [UInt8], trainLabels: [UInt8], testImages: [UInt8], testLabels: [UInt8]

    public var trainCount: Int { trainLabels.count }
    public var testCount: Int { testLabels.count }

    /// The class names as the book prints them (`get_fashion_mnist_labels`).
    public static let classNames = ["t-shirt", "trouser", "pullover", "dress", "coat",
                                    "sandal", "shirt", "sneaker", "bag", "ankle boot"]
    /// The class names of the Chinese edition.
    public static let classNamesZh = ["T恤", "裤子", "套衫", "连衣裙", "外套", "凉鞋", "衬衫", "运动鞋", "包", "短靴"]

    /// The four files of the original distribution, in the order train images, train labels,
    /// test images, test labels. Each may be gzip (`.gz`) or uncompressed.
    public static let fileNames = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                   "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
    /// Where Debian's `dataset-fashion-mnist` installs the files.
    public static let systemDirectory = "/usr/share/datasets/fashion-mnist"
    /// The environment variable naming a directory with the files.
    public static let environmentVariable = "FASHION_MNIST_DIR"

    /// Checks the arrays fit together: 784 bytes per image, one label (0…9) per image.
    public init(trainImages: [UInt8], trainLabels: [UInt8], testImages: [UInt8], testLabels: [UInt8]) {
        precondition(trainImages.count == trainLabels.count * Self.pixelsPerImage, "train images and labels differ in count")
        precondition(testImages.count == testLabels.count * Self.pixelsPerImage, "test images and labels differ in count")
        self.trainImages = trainImages
        self.trainLabels = trainLabels
        self.testImages = testImages
        self.testLabels = testLabels
    }

    /// Where `load` reads from: `directory` when given, else `$FASHION_MNIST_DIR` when set, else
    /// the system directory. A directory someone named is used or is an error, never passed over.
    public static func dataDirectory(directory: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (path: String, source: DatasetError.DirectorySource) {
        if let directory { return (directory, .given) }
        if let env = environment[environmentVariable], !env.isEmpty { return (env, .environment) }
        return (systemDirectory, .system)
    }

    /// Loads the data set from `dataDirectory`. Throws `DatasetError.notFound` (saying how to
    /// install it) when the system directory lacks it, `incompleteDirectory` naming what is
    /// missing from a directory that was named, and the file's own error when a file is damaged.
    public static func load(directory: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FashionMNIST {
        let (dir, source) = dataDirectory(directory: directory, environment: environment)
        return try load(paths: filePaths(in: dir, source: source))
    }

    /// The four paths in `dir` (preferring `.gz`).
    public static func filePaths(in dir: String, source: DatasetError.DirectorySource) throws -> [String] {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory)
        if source == .system && !(exists && isDirectory.boolValue) { throw DatasetError.notFound(searched: [dir]) }
        guard exists else { throw DatasetError.incompleteDirectory(dir, source: source, problem: "no such directory") }
        guard isDirectory.boolValue else { throw DatasetError.incompleteDirectory(dir, source: source, problem: "not a directory") }
        var paths: [String] = [], missing: [String] = []
        for name in fileNames {
            let base = (dir as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: base + ".gz") { paths.append(base + ".gz") }
            else if FileManager.default.fileExists(atPath: base) { paths.append(base) }
            else { missing.append(name) }
        }
        if source == .system && missing.count == fileNames.count { throw DatasetError.notFound(searched: [dir]) }
        guard missing.isEmpty else {
            throw DatasetError.incompleteDirectory(dir, source: source, problem: "missing \(missing.joined(separator: ", ")) (or .gz)")
        }
        return paths
    }

    /// Reads and checks the four files (train images, train labels, test images, test labels).
    public static func load(paths: [String]) throws -> FashionMNIST {
        precondition(paths.count == 4, "need four paths")
        let trainImages = try readImages(paths[0])
        let trainLabels = try readLabels(paths[1], count: trainImages.count / pixelsPerImage, imagesFile: paths[0])
        let testImages = try readImages(paths[2])
        let testLabels = try readLabels(paths[3], count: testImages.count / pixelsPerImage, imagesFile: paths[2])
        for (images, path) in [(trainImages, paths[0]), (testImages, paths[2])] where images.isEmpty {
            throw DatasetError.inconsistent(file: path, reason: "holds no images; training and testing need at least one each")
        }
        return FashionMNIST(trainImages: trainImages, trainLabels: trainLabels, testImages: testImages, testLabels: testLabels)
    }

    static func readImages(_ path: String) throws -> [UInt8] {
        let file = try IDXFile.read(path: path)
        guard file.dims.count == 3, file.dims[1] == imageSide, file.dims[2] == imageSide else {
            throw DatasetError.inconsistent(file: path, reason: "expected images of shape [N, 28, 28], found dimensions \(file.dims)")
        }
        return file.bytes
    }

    static func readLabels(_ path: String, count: Int, imagesFile: String) throws -> [UInt8] {
        let file = try IDXFile.read(path: path)
        guard file.dims.count == 1 else {
            throw DatasetError.inconsistent(file: path, reason: "expected a vector of labels, found dimensions \(file.dims)")
        }
        guard file.dims[0] == count else {
            throw DatasetError.inconsistent(file: path, reason: "has \(file.dims[0]) labels but \(imagesFile) has \(count) images")
        }
        if let i = file.bytes.firstIndex(where: { Int($0) >= classCount }) {
            throw DatasetError.inconsistent(file: path, reason: "label \(file.bytes[i]) at index \(i) is not a class 0…9")
        }
        return file.bytes
    }

    /// The first `train` training and `test` test examples (nil keeps all).
    public func subset(train: Int?, test: Int?) -> FashionMNIST {
        let nTrain = max(0, min(train ?? trainCount, trainCount)), nTest = max(0, min(test ?? testCount, testCount))
        return FashionMNIST(trainImages: Array(trainImages.prefix(nTrain * Self.pixelsPerImage)),
                            trainLabels: Array(trainLabels.prefix(nTrain)),
                            testImages: Array(testImages.prefix(nTest * Self.pixelsPerImage)),
                            testLabels: Array(testLabels.prefix(nTest)))
    }
}
