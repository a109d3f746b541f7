import Foundation
import Synchronization

/// Work a `WorkerPool` runs: `run(worker:)` is called once per worker, all at the same time.
/// A class (not a closure) so that handing it to the threads allocates nothing.
protocol PoolJob: AnyObject {
    func run(worker: Int)
}

/// A fixed team of threads that run one job at a time together: `run(job)` calls
/// `job.run(worker:)` once per worker (worker 0 on the caller's thread) and returns when all are done.
///
/// Made for the trainer's two short parallel phases per batch (about a millisecond each), where
/// waking threads through the kernel would cost more than the work: waiting threads spin briefly,
/// then yield, then sleep in short naps, so an idle pool costs next to nothing and a shared
/// machine is not starved. Call `shutdown()` when done (the threads hold the pool).
final class WorkerPool: @unchecked Sendable {
    let count: Int
    /// Bumped by `run` to start a job; each worker runs a generation once.
    private let generation = Atomic<Int>(0)
    /// Workers (other than the caller) that finished the current generation.
    private let finished = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let exited = Atomic<Int>(0)
    /// The current job; written before `generation` is released, read after it is acquired.
    private var job: PoolJob?

    init(count: Int) {
        precondition(count >= 1, "a pool needs at least one worker")
        self.count = count
        for worker in 1..<count {
            let thread = Thread { [self] in self.loop(worker) }
            thread.name = "d2l-worker-\(worker)"
            thread.start()
        }
    }

    /// Runs `job.run(worker:)` for worker 0..<count in parallel; returns when all have finished.
    func run(_ job: PoolJob) {
        guard count > 1 else { job.run(worker: 0); return }
        self.job = job
        finished.store(0, ordering: .relaxed)
        generation.add(1, ordering: .releasing)
        job.run(worker: 0)
        var waits = 0
        while finished.load(ordering: .acquiring) < count - 1 { Self.backOff(&waits) }
        self.job = nil
    }

    /// Stops the threads and waits for them to leave.
    func shutdown() {
        guard count > 1, !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var waits = 0
        while exited.load(ordering: .acquiring) < count - 1 { Self.backOff(&waits) }
    }

    private func loop(_ worker: Int) {
        var seen = 0
        while true {
            var waits = 0
            while generation.load(ordering: .acquiring) == seen {
                if stopping.load(ordering: .acquiring) {
                    exited.add(1, ordering: .releasing)
                    return
                }
                Self.backOff(&waits)
            }
            seen += 1
            job!.run(worker: worker)
            finished.add(1, ordering: .releasing)
        }
    }

    /// Spin, then yield the core, then nap: fast hand-offs without burning an idle core.
    @inline(__always)
    private static func backOff(_ waits: inout Int) {
        waits += 1
        if waits < 20_000 { return }             // tens of microseconds: the gap between two phases
        if waits < 21_000 { sched_yield(); return }  // about a millisecond: let others run
        usleep(100)                               // idle (an epoch's end, an observer drawing)
    }
}
