import Synchronization
import Testing
@testable import D2L

/// Counts how often each chunk ran (any thread may run any chunk).
private final class CountingJob: PoolJob, Sendable {
    let runs = Mutex<[Int]>([])
    init(chunks: Int) { runs.withLock { $0 = Array(repeating: 0, count: chunks) } }
    func run(chunk: Int) { runs.withLock { $0[chunk] += 1 } }
    func counts() -> [Int] { runs.withLock { $0 } }
}

@Suite struct WorkerPoolTests {
    @Test func everyChunkRunsOnceBeforeRunReturns() {
        let pool = WorkerPool(count: 3)
        defer { pool.shutdown() }
        for round in 0..<2000 {
            let chunks = 1 + round % 9
            let job = CountingJob(chunks: chunks)
            pool.run(job, chunks: chunks)
            let counts = job.counts()
            #expect(counts == Array(repeating: 1, count: chunks), "round \(round)")
            if counts != Array(repeating: 1, count: chunks) { break }
        }
    }

    @Test func moreWorkersThanChunksAndNoChunks() {
        let pool = WorkerPool(count: 4)
        defer { pool.shutdown() }
        let job = CountingJob(chunks: 2)
        pool.run(job, chunks: 2)
        pool.run(job, chunks: 0)
        #expect(job.counts() == [1, 1])
    }

    @Test func oneWorkerRunsTheChunksInOrderOnTheCaller() {
        final class Order: PoolJob, @unchecked Sendable {
            var seen: [Int] = []
            func run(chunk: Int) { seen.append(chunk) }
        }
        let pool = WorkerPool(count: 1)
        let job = Order()
        pool.run(job, chunks: 5)
        #expect(job.seen == [0, 1, 2, 3, 4])
    }
}
