#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive `flock` on a file, held between processes (two tutors building the same
/// library or workspace wait for each other instead of writing the same files).
final class FileLock {
    private var descriptor: Int32

    /// Waits for the lock on `path` (created when missing); nil when the file cannot be opened.
    init?(path: String) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { close(fd); return nil }
        }
        descriptor = fd
    }

    func unlock() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { unlock() }
}
