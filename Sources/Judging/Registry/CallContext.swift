import D2L
import Foundation
import Lessons

/// What every call of one judge shares: where Fashion-MNIST is (loaded once, when first
/// needed, by whichever thread asks first) and the cache of training runs. Safe to share
/// between threads: grading judges submissions in parallel.
public final class CallEnvironment: Sendable {
    /// Where Fashion-MNIST is (nil: the library's search path).
    public let dataDirectory: String?
    /// Finished training runs (nil: always train).
    public let cache: RunCache?
    private let loaded: Locked<Loaded>
    /// Results of calls already made, by call and arguments (at most `maxResults`).
    private let results = Locked<[String: CallResult]>([:])
    static let maxResults = 20_000

    private struct Loaded {
        var data: FashionMNIST?
        var fingerprint: String?
    }

    public init(dataDirectory: String? = nil, cache: RunCache? = RunCache.standard()) {
        self.dataDirectory = dataDirectory
        self.cache = cache
        loaded = Locked(Loaded())
    }

    /// An environment around data already in memory (tests use small made-up data).
    public init(data: FashionMNIST, cache: RunCache?) {
        dataDirectory = nil
        self.cache = cache
        loaded = Locked(Loaded(data: data, fingerprint: DataFingerprint.contents(data)))
    }

    /// The result of the call `key` (its name and canonical arguments) if it was made before.
    func knownResult(_ key: String) -> CallResult? { results.withLock { $0[key] } }

    /// Keeps the result of call `key` for the calls that follow.
    func remember(_ result: CallResult, key: String) {
        results.withLock { if $0.count < Self.maxResults { $0[key] = result } }
    }

    /// Fashion-MNIST, loaded on first use.
    public func data() throws -> FashionMNIST {
        try loaded.withLock { state in
            if let data = state.data { return data }
            do {
                let data = try FashionMNIST.load(directory: dataDirectory)
                state.data = data
                return data
            } catch {
                throw CallError("this checkpoint needs Fashion-MNIST: \(error)")
            }
        }
    }

    /// What the cached runs are keyed by: the data files' identity (no file read), or the
    /// contents of data in memory.
    public func dataFingerprint() throws -> String {
        if let known = loaded.withLock({ $0.fingerprint }) { return known }
        let fingerprint = try DataFingerprint.files(directory: dataDirectory) ?? DataFingerprint.contents(data())
        loaded.withLock { $0.fingerprint = fingerprint }
        return fingerprint
    }
}

/// One judgement's view of the environment: the shared data and cache, and this judgement's
/// own observer of long training runs (progress bar, interruption). Made anew for every
/// judgement, never shared, so concurrent judgements never see each other's observer.
public struct CallContext {
    public let environment: CallEnvironment
    /// Told about training progress; may stop a run.
    public let observer: TrainingObserver?

    public init(_ environment: CallEnvironment, observer: TrainingObserver? = nil) {
        self.environment = environment
        self.observer = observer
    }

    public func data() throws -> FashionMNIST { try environment.data() }
}

/// A call's raw result, before `output` picks the reference out of it.
public enum CallResult: Sendable, Equatable {
    case tensor(NDArray)
    case number(Double)
    case integer(Int)
    case shape([Int])
    /// A training history: one record per epoch.
    case history([EpochStats])
    /// One history per value of a sweep.
    case runs([[EpochStats]])
    case predictions([Prediction])
}
