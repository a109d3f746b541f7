import D2L
import Foundation
import Lessons

/// The training runs checkpoints need, and training those the run cache lacks several at a time
/// (`tutor lint --jobs`), each on one thread: independent runs side by side keep every core busy
/// without the trainer's threads waiting for each other, which on a busy machine cost more than
/// they gain.
extension Judge {
    /// The runs `specs` train (references and mistakes) that the cache lacks, each once, the
    /// longest first. Empty without a cache.
    func missingRuns(_ specs: [CheckpointSpec]) -> [CallArgs] {
        guard environment.cache != nil else { return [] }
        var seen = Set<String>()
        var runs: [(cost: Int, args: CallArgs)] = []
        for spec in specs where spec.code == nil {
            let calls = [(spec.call, spec.args)] + spec.mistakes.map { ($0.call, Self.merged(spec.args, $0.args)) }
            for case let (call?, args) in calls {
                for run in registry.missingRuns(call, args: args, environment: environment) {
                    guard let config = try? LibraryCalls.trainConfig(run), config.problem == nil,
                          let fingerprint = try? LibraryCalls.runFingerprint(run),
                          seen.insert(RunCache.key(config, dataFingerprint: fingerprint)).inserted else { continue }
                    runs.append((Self.cost(config), run))
                }
            }
        }
        return runs.sorted { $0.cost > $1.cost }.map(\.args)
    }

    /// Multiply-adds of a run's products, up to a constant: what orders runs by length.
    static func cost(_ config: TrainConfig) -> Int {
        let widths = [FashionMNIST.pixelsPerImage] + config.hiddens + [FashionMNIST.classCount]
        let perImage = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        return config.epochs * min(config.trainSubset ?? 60_000, 60_000) * perImage
    }

    /// Trains `runs` into the cache, `jobs` at a time, each run on one thread (process-wide
    /// while it lasts, see `TrainingThreads`). A run that fails is left for its checkpoint to
    /// report. `started` is told of each run as it begins (from the training threads).
    func train(_ runs: [CallArgs], jobs: Int, started: @Sendable (Int) -> Void) {
        guard !runs.isEmpty else { return }
        let (workers, blas) = (TrainingThreads.workers, TrainingThreads.blas)
        TrainingThreads.workers = 1
        TrainingThreads.blas = 1
        defer {
            TrainingThreads.workers = workers
            TrainingThreads.blas = blas
        }
        nonisolated(unsafe) let runs = runs
        let next = Locked(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, runs.count))) { _ in
            while true {
                let index = next.withLock { (n: inout Int) -> Int in defer { n += 1 }; return n }
                guard index < runs.count else { return }
                started(index)
                _ = try? LibraryCalls.runTraining(runs[index])
            }
        }
    }
}
