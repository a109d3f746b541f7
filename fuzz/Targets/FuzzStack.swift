import Foundation

/// The stack the harnesses run on: 1 MiB, an eighth of a main thread's 8 MiB. Code that recurses
/// on an input's depth overflows it at an eighth of the depth, within reach of the short inputs
/// a fuzzer works with (the Markdown harness repeats its input to 16 KiB at most). The driver
/// gives its main thread this stack (RLIMIT_STACK), and `FuzzRegressionTests` replay saved
/// inputs on a thread of this size (`onFuzzStack`).
public let fuzzStackBytes = 1 << 20

/// Runs `body` on a new thread with a `fuzzStackBytes` stack and waits for its result.
public func onFuzzStack<T>(_ body: @escaping () -> T) -> T {
    let call = StackCall(body)
    let thread = Thread { call.run() }
    thread.stackSize = fuzzStackBytes
    thread.start()
    call.done.wait()
    return call.result!
}

/// One call handed to another thread; the semaphore orders the write of `result` before its read.
private final class StackCall<T>: @unchecked Sendable {
    let body: () -> T
    var result: T?
    let done = DispatchSemaphore(value: 0)
    init(_ body: @escaping () -> T) { self.body = body }
    func run() {
        result = body()
        done.signal()
    }
}
