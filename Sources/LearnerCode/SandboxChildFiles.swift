#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension Sandbox {
    /// A file holding `data`, open for reading at its start, whose name is already removed:
    /// nothing is left behind however the tutor ends. -1 (with errno) on failure.
    static func anonymousFile(_ data: Data) -> Int32 {
        var template = Array((NSTemporaryDirectory() + "/tutor-input-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return -1 }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard written, lseek(fd, 0, SEEK_SET) == 0 else {
            let saved = errno
            close(fd)
            errno = saved
            return -1
        }
        return fd
    }

    /// Closes every descriptor from 3 up in the child, so it gets none of the tutor's open
    /// files (a lock, the progress file). glibc ≥ 2.34 has the action; Swift's Glibc module does
    /// not declare it, hence the lookup.
    static func closeInheritedFiles(_ actions: inout posix_spawn_file_actions_t) {
        #if os(Linux)
        guard let addCloseFrom = addCloseFromAction else { return }
        _ = addCloseFrom(&actions, 3)
        #endif
    }

    #if os(Linux)
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFromAction: AddCloseFrom? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()
    #endif
}
