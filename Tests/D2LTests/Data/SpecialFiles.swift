import Foundation
import Testing

/// A FIFO in `dir`: reading it must be refused at once, never wait for a writer.
func makeFIFO(in dir: TempDirectory) -> String {
    let path = (dir.path as NSString).appendingPathComponent("pipe")
    precondition(mkfifo(path, 0o600) == 0, "mkfifo \(path) failed")
    return path
}

/// Runs `read` on another thread and returns what it threw. Should it still be blocked after
/// 10 s (waiting for a writer on the FIFO at `fifo`), that is recorded as a failure and a writer
/// is opened so the thread can finish.
func errorOfReading(fifo: String, _ read: @escaping @Sendable () throws -> Void) -> (any Error)? {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var thrown: (any Error)?
    Thread.detachNewThread {
        do { try read() } catch { thrown = error }
        done.signal()
    }
    if done.wait(timeout: .now() + 10) == .timedOut {
        Issue.record("reading the FIFO \(fifo) blocked waiting for a writer")
        let writer = open(fifo, O_WRONLY)
        if writer >= 0 { close(writer) }
        done.wait()
    }
    return thrown
}
