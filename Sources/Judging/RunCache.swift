import D2L
import Foundation
import Lessons

/// Finished training runs on disk: the one cache behind `train`, `evaluate_accuracy`,
/// `predict`, `sweep` (calls and command) and lint. An entry is keyed by the library version,
/// the whole `TrainConfig` and a fingerprint of the data set, so a run computed from other
/// data or by another library is never reused. A file is a JSON header line, then the
/// parameters as little-endian Float32; anything that does not add up is recomputed, and
/// deleting the folder is always safe.
public struct RunCache: Sendable {
    /// The folder holding one file per run.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$XDG_CACHE_HOME/tutor/runs`, else `~/.cache/tutor/runs`; nil when neither can be named.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> RunCache? {
        StandardDirectories.cache(environment: environment).map { RunCache(directory: $0 + "/runs") }
    }

    /// A finished run.
    public struct Run: Sendable {
        public var history: [EpochStats]
        public var params: MLPParameters
        /// Wall-clock seconds the training took when it ran.
        public var seconds: Double

        public init(history: [EpochStats], params: MLPParameters, seconds: Double) {
            self.history = history
            self.params = params
            self.seconds = seconds
        }
    }

    struct Header: Codable {
        var key: String
        var history: [EpochStats]
        var seconds: Double
        var weightShapes: [[Int]]
        var biasShapes: [[Int]]
    }

    /// Every input of a run's result, spelled out.
    public static func key(_ config: TrainConfig, dataFingerprint: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(config)).map { String(decoding: $0, as: UTF8.self) } ?? "\(config)"
        return "d2l \(D2LVersion.string) | data \(dataFingerprint) | \(json)"
    }

    func path(_ key: String) -> String {
        directory + "/" + SHA256.hex(Data(key.utf8)).prefix(32) + ".run"
    }

    /// The cached run, nil when missing, damaged or for another key.
    public func lookup(_ config: TrainConfig, dataFingerprint: String) -> Run? {
        let key = Self.key(config, dataFingerprint: dataFingerprint)
        guard let data = (try? RegularFile.contents(path(key), limit: 1 << 30)).map({ Data($0) }),
              let newline = data.firstIndex(of: 0x0A),
              let header = try? JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline]),
              header.key == key, !header.history.isEmpty, header.weightShapes.count == header.biasShapes.count else { return nil }
        var offset = newline + 1
        func read(_ shape: [Int]) -> Tensor? {
            guard shape.allSatisfy({ $0 > 0 && $0 < 1 << 24 }) else { return nil }
            let count = shape.reduce(1, *)
            guard data.endIndex - offset >= count * 4 else { return nil }
            var scalars = [Float](repeating: 0, count: count)
            scalars.withUnsafeMutableBytes { $0.copyBytes(from: data[offset..<(offset + count * 4)]) }
            offset += count * 4
            return Tensor(shape: shape, scalars: scalars.map { Float(bitPattern: $0.bitPattern.littleEndian) })
        }
        var weights: [Tensor] = [], biases: [Tensor] = []
        for shape in header.weightShapes { guard let t = read(shape) else { return nil }; weights.append(t) }
        for shape in header.biasShapes { guard let t = read(shape) else { return nil }; biases.append(t) }
        guard offset == data.endIndex else { return nil }
        return Run(history: header.history, params: MLPParameters(weights: weights, biases: biases), seconds: header.seconds)
    }

    /// Stores a finished run; a cache that cannot be written never stops the work.
    public func store(_ config: TrainConfig, dataFingerprint: String, _ run: Run) {
        let key = Self.key(config, dataFingerprint: dataFingerprint)
        let header = Header(key: key, history: run.history, seconds: run.seconds, weightShapes: run.params.weights.map(\.shape),
                            biasShapes: run.params.biases.map(\.shape))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard var data = try? encoder.encode(header) else { return }
        data.append(0x0A)
        for t in run.params.weights + run.params.biases {
            t.scalars.map { $0.bitPattern.littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        try? AtomicFile.write(data, to: path(key), createFolder: true)
    }
}

/// What a cached run was computed from: the data set's identity.
public enum DataFingerprint {
    /// Of the four files the library would load for `directory`: their paths, sizes and
    /// modification times (cheap: no file is read). Nil when they are not all there.
    public static func files(directory: String?) -> String? {
        let (folder, source) = FashionMNIST.dataDirectory(directory: directory)
        guard let paths = try? FashionMNIST.filePaths(in: folder, source: source) else { return nil }
        var text = ""
        for path in paths {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            text += "\(URL(fileURLWithPath: path).standardizedFileURL.path) \(size) \(modified)\n"
        }
        return "files " + SHA256.hex(Data(text.utf8)).prefix(16)
    }

    /// Of the training images minus a validation split (`validationSplit(count, seed:)`) of the
    /// data `base` describes: `tutor sweep --validation` and the checkpoints share these runs.
    public static func validationSplit(of base: String, count: Int, seed: UInt64) -> String {
        base + " | validation \(count) seed \(seed)"
    }

    /// Of data in memory (made-up data in tests): counts, every label and a sample of the pixels.
    public static func contents(_ data: FashionMNIST) -> String {
        var bytes: [UInt8] = []
        for n in [data.trainCount, data.testCount] { withUnsafeBytes(of: UInt64(n).littleEndian) { bytes += $0 } }
        bytes += data.trainLabels
        bytes += data.testLabels
        bytes += stride(from: 0, to: data.trainImages.count, by: 97).map { data.trainImages[$0] }
        bytes += stride(from: 0, to: data.testImages.count, by: 97).map { data.testImages[$0] }
        return "contents " + SHA256.hex(Data(bytes)).prefix(16)
    }
}
