import D2L
import Foundation

/// The finished runs of a sweep, one small JSON file per run, so that an interrupted sweep
/// resumes where it stopped and a repeated one costs nothing. A run's file name is a hash of
/// everything its result depends on: the training settings, a fingerprint of the data and the
/// library's version; the full key is stored inside and checked on reading.
public struct SweepCache: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$XDG_CACHE_HOME/tutor/sweep`, else `~/.cache/tutor/sweep`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".cache")
        return (base as NSString).appendingPathComponent("tutor/sweep")
    }

    /// What a cached run holds.
    public struct Record: Codable, Equatable, Sendable {
        public var key: String
        public var config: TrainConfig
        public var history: [EpochStats]
        public var seconds: Double
    }

    /// The key of a run: every input of its result, spelled out.
    public static func key(_ config: TrainConfig, dataFingerprint: String) -> String {
        let hiddens = config.hiddens.map(String.init).joined(separator: ",")
        return "d2l \(D2LVersion.string); epochs \(config.epochs); lr \(config.lr.bitPattern); hiddens \(hiddens); "
            + "batch \(config.batchSize); seed \(config.seed); train \(config.trainSubset.map(String.init) ?? "all"); "
            + "test \(config.testSubset.map(String.init) ?? "all"); data \(dataFingerprint)"
    }

    func path(forKey key: String) -> String {
        (directory as NSString).appendingPathComponent(String(format: "%016llx.json", fnv1a(Array(key.utf8))))
    }

    /// The cached run for `key`, or nil (missing, unreadable, or for another key).
    public func load(key: String) -> Record? {
        guard let data = FileManager.default.contents(atPath: path(forKey: key)),
              let record = try? JSONDecoder().decode(Record.self, from: data), record.key == key else { return nil }
        return record
    }

    /// Stores a finished run (atomically: a crash leaves no half file).
    public func store(_ record: Record) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(record).write(to: URL(fileURLWithPath: path(forKey: record.key)), options: .atomic)
    }

    /// A short fingerprint of a data set: counts, every label and a sample of the pixels.
    public static func fingerprint(_ data: FashionMNIST) -> String {
        var bytes: [UInt8] = []
        for n in [data.trainCount, data.testCount] { withUnsafeBytes(of: UInt64(n).littleEndian) { bytes += $0 } }
        bytes += data.trainLabels
        bytes += data.testLabels
        bytes += stride(from: 0, to: data.trainImages.count, by: 97).map { data.trainImages[$0] }
        bytes += stride(from: 0, to: data.testImages.count, by: 97).map { data.testImages[$0] }
        return String(format: "%016llx", fnv1a(bytes))
    }
}

/// FNV-1a, 64 bits: a stable hash (Swift's `Hasher` is seeded per process).
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}
