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

    /// The dataset, shared by contexts made with `with(observer:)`.
    private final class DataBox: @unchecked Sendable {
        let lock = NSLock()
        var loaded: FashionMNIST?
    }
    private let box: DataBox

    public init(dataDirectory: String? = nil, cache: ReferenceCache? = ReferenceCache.standard(),
                observer: TrainingObserver? = nil) {
        self.dataDirectory = dataDirectory
        self.cache = cache
        self.observer = observer
        box = DataBox()
    }

    private init(sharing other: CallContext, observer: TrainingObserver?) {
        dataDirectory = other.dataDirectory
        cache = other.cache
        self.observer = observer
        box = other.box
    }

    /// A context around data already in memory (tests use small made-up data).
    public convenience init(data: FashionMNIST, cache: ReferenceCache?) {
        self.init(dataDirectory: nil, cache: cache)
        box.loaded = data
    }

    /// The same data and cache with another observer (one per concurrent check).
    public func with(observer: TrainingObserver?) -> CallContext {
        CallContext(sharing: self, observer: observer)
    }

    /// Fashion-MNIST, loaded on first use.
    public func data() throws -> FashionMNIST {
        box.lock.lock()
        defer { box.lock.unlock() }
        if let loaded = box.loaded { return loaded }
        do {
            let d = try FashionMNIST.load(directory: dataDirectory)
            box.loaded = d
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
