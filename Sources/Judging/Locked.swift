import Foundation

/// A value behind a lock, for state that threads share: the grading workers, one judge's call
/// environment. Built on `NSLock` (a pthread mutex) rather than the standard library's `Mutex`:
/// on Linux `Mutex` locks through futexes inside the prebuilt Synchronization library, which
/// ThreadSanitizer does not see, so it reports every value a `Mutex` guards as a race — and
/// `make test` runs parallel grading under ThreadSanitizer.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
