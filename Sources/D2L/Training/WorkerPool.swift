import Foundation
import Synchronization

/// Work a `WorkerPool` runs: `run(chunk:)` is called once for each chunk, on whichever thread takes it.
/// A class (not a closure) so that handing it to the threads allocates nothing.
protocol PoolJob: AnyObject {
    func run(chunk: Int)
}

/// A fixed team of threads that run one job at a time together: `run(job, chunks:)` hands out the
/// chunks 0..<chunks one at a time to whichever thread is free (the caller's thread included)
/// and returns when all are done.
///
/// Made for the trainer's short parallel phases (a fraction of a millisecond each). Chunks are
/// taken, not assigned, so a thread the system has paused (a busy machine) holds up at most the
/// one chunk it took while the others take the rest. Waiting threads spin for a moment (the gap
/// between two phases) and then sleep, which frees their core for the paused thread.
/// Call `shutdown()` when done (the threads hold the pool).
final class WorkerPool: @unchecked Sendable {
    let count: Int
    /// The current run: generation (bits 32…), chunk count (bits 16..<32), next chunk (bits 0..<16).
    /// One word, so a thread that takes a chunk knows it belongs to the run it joined.
    private let ticket = Atomic<Int>(0)
    /// Chunks of the current run finished.
    private let finished = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let exited = Atomic<Int>(0)
    /// The current job; written before `ticket` is released, read after a chunk of it is taken.
    private var job: PoolJob?
    private let sleep: Sleep

    init(count: Int) {
        precondition(count >= 1, "a pool needs at least one worker")
        self.count = count
        sleep = Sleep()
        for worker in 1..<count {
            let thread = Thread { [self] in self.loop() }
            thread.name = "d2l-worker-\(worker)"
            thread.start()
        }
    }

    /// Runs `job.run(chunk:)` for chunk 0..<chunks (at most 65535) in parallel; returns when all have finished.
    func run(_ job: PoolJob, chunks: Int) {
        precondition(chunks >= 0 && chunks < 1 << 16, "\(chunks) chunks")
        guard count > 1, chunks > 1 else {
            for chunk in 0..<chunks { job.run(chunk: chunk) }
            return
        }
        self.job = job
        finished.store(0, ordering: .relaxed)
        let generation = (ticket.load(ordering: .relaxed) >> 32) + 1
        ticket.store(generation << 32 | chunks << 16, ordering: .sequentiallyConsistent)
        sleep.wakeAll()
        work(generation: generation)
        sleep.until { self.finished.load(ordering: .acquiring) == chunks }
        self.job = nil
    }

    /// Stops the threads and waits for them to leave.
    func shutdown() {
        guard count > 1, !stopping.exchange(true, ordering: .sequentiallyConsistent) else { return }
        sleep.wakeAll()
        sleep.until { self.exited.load(ordering: .acquiring) == self.count - 1 }
    }

    /// Takes and runs chunks of run `generation` until none are left.
    private func work(generation: Int) {
        var current = ticket.load(ordering: .acquiring)
        while current >> 32 == generation {
            let chunks = (current >> 16) & 0xFFFF, next = current & 0xFFFF
            guard next < chunks else { return }
            let (exchanged, original) = ticket.compareExchange(expected: current, desired: current + 1,
                                                               ordering: .acquiringAndReleasing)
            guard exchanged else { current = original; continue }
            job!.run(chunk: next)
            if finished.add(1, ordering: .acquiringAndReleasing).newValue == chunks { sleep.wakeAll() }
            current = ticket.load(ordering: .acquiring)
        }
    }

    private func loop() {
        var seen = 0
        while true {
            sleep.until { self.ticket.load(ordering: .acquiring) >> 32 != seen || self.stopping.load(ordering: .acquiring) }
            if stopping.load(ordering: .acquiring) {
                exited.add(1, ordering: .sequentiallyConsistent)
                sleep.wakeAll()
                return
            }
            seen = ticket.load(ordering: .acquiring) >> 32
            work(generation: seen)
        }
    }
}

/// Waiting for a condition another thread makes true: spin for a short while, then sleep on a
/// condition variable until `wakeAll()`. Whoever makes a condition true calls `wakeAll()` after.
private final class Sleep: @unchecked Sendable {
    private let lock = NSCondition()
    /// Threads inside `until`'s sleeping part (so `wakeAll` can skip the lock when there are none).
    private let sleepers = Atomic<Int>(0)
    /// How long to spin before sleeping: longer than the gap between two phases of a step, short
    /// enough that a thread sharing its core with the one it waits for soon lets that one run.
    private static let spinNanoseconds: UInt64 = 30_000

    func until(_ condition: () -> Bool) {
        if condition() { return }
        let start = DispatchTime.now().uptimeNanoseconds
        while DispatchTime.now().uptimeNanoseconds - start < Self.spinNanoseconds {
            if condition() { return }
        }
        lock.lock()
        sleepers.add(1, ordering: .sequentiallyConsistent)
        while !condition() { lock.wait() }
        sleepers.subtract(1, ordering: .relaxed)
        lock.unlock()
    }

    func wakeAll() {
        guard sleepers.load(ordering: .sequentiallyConsistent) > 0 else { return }
        lock.lock()
        lock.broadcast()
        lock.unlock()
    }
}
