import D2L
import Foundation
import Judging
import Lessons
import TerminalMarkdown
import TerminalUI
import Lessons

/// A finished run of a sweep.
public struct SweepOutcome: Sendable, Equatable {
    public var point: SweepPoint
    public var history: [EpochStats]
    /// Wall-clock seconds of the training (as measured when it ran, also for a cached run).
    public var seconds: Double
    /// True when the result came from the cache instead of training.
    public var cached: Bool

    /// The last epoch's figures (nil for a run of zero epochs).
    public var final: EpochStats? { history.last }
}

/// Hears about a sweep as it runs. Calls come from the sweep's threads, one at a time.
public protocol SweepObserver: AnyObject {
    /// A run starts training in job slot `slot` (0 ..< jobs); `index` is its place in the list.
    func runStarted(slot: Int, index: Int, point: SweepPoint)
    func batchFinished(slot: Int, index: Int, epoch: Int, batch: Int, of batches: Int)
    /// A run finished (trained, or found in the cache with `slot` nil).
    func runFinished(slot: Int?, index: Int, outcome: SweepOutcome)
    /// Checked after every batch: true stops every run (unfinished runs are not cached).
    var shouldStop: Bool { get }
}

extension SweepObserver {
    public func runStarted(slot: Int, index: Int, point: SweepPoint) {}
    public func batchFinished(slot: Int, index: Int, epoch: Int, batch: Int, of batches: Int) {}
    public func runFinished(slot: Int?, index: Int, outcome: SweepOutcome) {}
    public var shouldStop: Bool { false }
}

/// Runs the trainings of a sweep: cached results first, the rest one at a time (each using all
/// cores through the trainer's own workers) or `jobs` at a time (each with one worker and a
/// single-threaded BLAS, so the runs do not fight over the cores).
public struct SweepRunner: Sendable {
    public var base: TrainConfig
    public var jobs: Int
    public var cache: RunCache?
    /// False retrains every run (the cache still receives the new results).
    public var reuseCached: Bool

    public init(base: TrainConfig, jobs: Int, cache: RunCache?, reuseCached: Bool = true) {
        self.base = base; self.jobs = max(1, jobs); self.cache = cache; self.reuseCached = reuseCached
    }

    /// The outcome of each point, in order; nil for the runs a stop left unfinished.
    /// `fingerprint` identifies the data set in the run cache (`DataFingerprint`).
    public func run(_ points: [SweepPoint], data: FashionMNIST, fingerprint: String,
                    observer: SweepObserver? = nil) throws -> [SweepOutcome?] {
        let state = SharedState(count: points.count, observer: observer)

        var pending: [Int] = []
        for (i, p) in points.enumerated() {
            if reuseCached, let run = cache?.lookup(p.config(base: base), dataFingerprint: fingerprint) {
                state.finish(slot: nil, index: i, SweepOutcome(point: p, history: run.history, seconds: run.seconds, cached: true))
            } else {
                pending.append(i)
            }
        }
        guard !pending.isEmpty else { return state.outcomes }
        let queue = pending

        let work: @Sendable (Int) -> Void = { slot in
            while let i = state.next(from: queue) {
                let point = points[i], config = point.config(base: base)
                state.started(slot: slot, index: i, point: point)
                let relay = RunObserver(state: state, slot: slot, index: i)
                let started = Date()
                do {
                    let result = try trainMLP(config, data: data, observer: relay)
                    if result.stopped { break }
                    let seconds = Date().timeIntervalSince(started)
                    cache?.store(config, dataFingerprint: fingerprint,
                                 RunCache.Run(history: result.history, params: result.params, seconds: seconds))
                    state.finish(slot: slot, index: i, SweepOutcome(point: point, history: result.history, seconds: seconds, cached: false))
                } catch {
                    state.fail(error)
                    break
                }
            }
        }

        let parallel = min(jobs, pending.count)
        if parallel == 1 {
            work(0)
        } else {
            // One worker and one BLAS thread per run, restored afterwards.
            let (savedWorkers, savedBLAS) = (TrainingThreads.workers, TrainingThreads.blas)
            TrainingThreads.workers = 1
            TrainingThreads.blas = 1
            defer { TrainingThreads.workers = savedWorkers; if savedBLAS > 0 { TrainingThreads.blas = savedBLAS } }
            let group = DispatchGroup()
            for slot in 1..<parallel {
                group.enter()
                let thread = Thread { work(slot); group.leave() }
                thread.stackSize = 8 << 20
                thread.start()
            }
            work(0)
            group.wait()
        }
        if let error = state.error { throw error }
        return state.outcomes
    }
}

/// What the sweep's threads share, behind one lock (observer calls included).
private final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var outcomes: [SweepOutcome?]
    private(set) var error: Error?
    private var taken = 0
    let observer: SweepObserver?

    init(count: Int, observer: SweepObserver?) {
        outcomes = Array(repeating: nil, count: count)
        self.observer = observer
    }

    func locked<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }

    /// The next pending index, or nil when all are taken, a run failed, or a stop was asked.
    func next(from pending: [Int]) -> Int? {
        locked {
            guard error == nil, taken < pending.count, observer?.shouldStop != true else { return nil }
            defer { taken += 1 }
            return pending[taken]
        }
    }

    func started(slot: Int, index: Int, point: SweepPoint) { locked { observer?.runStarted(slot: slot, index: index, point: point) } }
    func batch(slot: Int, index: Int, epoch: Int, batch: Int, of n: Int) {
        locked { observer?.batchFinished(slot: slot, index: index, epoch: epoch, batch: batch, of: n) }
    }
    func finish(slot: Int?, index: Int, _ outcome: SweepOutcome) {
        locked {
            outcomes[index] = outcome
            observer?.runFinished(slot: slot, index: index, outcome: outcome)
        }
    }
    func fail(_ e: Error) { locked { if error == nil { error = e } } }
    var stopRequested: Bool { locked { error != nil || observer?.shouldStop == true } }
}

/// Relays one training run's progress to the sweep and stops it when the sweep stops.
private final class RunObserver: TrainingObserver {
    let state: SharedState, slot: Int, index: Int
    init(state: SharedState, slot: Int, index: Int) { self.state = state; self.slot = slot; self.index = index }
    func batchFinished(epoch: Int, batch: Int, of batches: Int) {
        state.batch(slot: slot, index: index, epoch: epoch, batch: batch, of: batches)
    }
    var shouldStop: Bool { state.stopRequested }
}
