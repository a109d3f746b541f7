import D2L
import Foundation

/// Expensive references (training runs) on disk, keyed by the call, its arguments and the
/// library version. Deleting the folder is always safe; a damaged entry is recomputed.
public struct ReferenceCache: Sendable {
    /// The folder holding one JSON file per entry.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$XDG_CACHE_HOME/tutor`, else `~/.cache/tutor`; nil when neither can be named.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ReferenceCache? {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return ReferenceCache(directory: xdg + "/tutor") }
        if let home = environment["HOME"], !home.isEmpty { return ReferenceCache(directory: home + "/.cache/tutor") }
        return nil
    }

    /// The key of a call: name, canonical arguments (order-independent) and library version.
    public static func key(call: String, args: [ArgEntry]) -> String {
        let canonical = args.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.value.canonical)" }.joined(separator: ";")
        return "d2l \(D2LVersion.string) | \(call)(\(canonical))"
    }

    /// The file of `key`.
    public func path(for key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a, stable across runs (unlike Hasher)
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return directory + "/" + String(format: "%016llx", hash) + ".json"
    }

    /// The cached result of `key`, or `compute()` stored for next time. A cache that cannot be
    /// read or written never stops a check: the value is computed.
    public func result(for key: String, compute: () throws -> CallResult) throws -> CallResult {
        if let cached = lookup(key) { return cached }
        let value = try compute()
        store(value, for: key)
        return value
    }

    /// The stored entry for `key`, nil when missing, damaged or for another key.
    public func lookup(_ key: String) -> CallResult? {
        guard let data = FileManager.default.contents(atPath: path(for: key)),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key else { return nil }
        return entry.result.callResult
    }

    /// Writes an entry atomically (temporary file, then rename).
    public func store(_ result: CallResult, for key: String) {
        guard let stored = StoredResult(result), let data = try? JSONEncoder().encode(Entry(key: key, result: stored)) else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let final = path(for: key)
        let temporary = final + ".\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, final) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }

    struct Entry: Codable {
        var key: String
        var result: StoredResult
    }

    /// The JSON form of the results worth caching.
    struct StoredResult: Codable {
        var history: [EpochStats]?
        var runs: [[EpochStats]]?
        var number: Double?
        var predictions: [[Int]]?

        init?(_ r: CallResult) {
            switch r {
            case let .history(h): history = h
            case let .runs(r): runs = r
            case let .number(x) where x.isFinite: number = x
            case let .predictions(p): predictions = p.map { [$0.index, $0.label, $0.predicted] }
            default: return nil
            }
        }

        var callResult: CallResult? {
            if let history, !history.isEmpty { return .history(history) }
            if let runs, !runs.isEmpty, runs.allSatisfy({ !$0.isEmpty }) { return .runs(runs) }
            if let number { return .number(number) }
            if let predictions, predictions.allSatisfy({ $0.count == 3 }) {
                return .predictions(predictions.map { Prediction(index: $0[0], label: $0[1], predicted: $0[2]) })
            }
            return nil
        }
    }
}
