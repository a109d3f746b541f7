import D2L
import Foundation

/// What calls need besides their arguments: the dataset (loaded once, when first needed), the
/// reference cache, and an observer for long training runs (progress bar, interruption).
public final class CallContext: @unchecked Sendable {
    /// Where Fashion-MNIST is (nil: the library's search path).
    public let dataDirectory: String?
    /// Expensive references are cached here (nil: always compute).
    public let cache: ReferenceCache?
    /// Told about training progress; may stop a run.
    public weak var observer: TrainingObserver?

    private let lock = NSLock()
    private var loaded: FashionMNIST?

    public init(dataDirectory: String? = nil, cache: ReferenceCache? = ReferenceCache.standard(),
                observer: TrainingObserver? = nil) {
        self.dataDirectory = dataDirectory
        self.cache = cache
        self.observer = observer
    }

    /// A context around data already in memory (tests use small made-up data).
    public convenience init(data: FashionMNIST, cache: ReferenceCache?) {
        self.init(dataDirectory: nil, cache: cache)
        loaded = data
    }

    /// Fashion-MNIST, loaded on first use.
    public func data() throws -> FashionMNIST {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        do {
            let d = try FashionMNIST.load(directory: dataDirectory)
            loaded = d
            return d
        } catch {
            throw CallError("this checkpoint needs Fashion-MNIST: \(error)")
        }
    }
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
