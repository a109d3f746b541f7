#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file that must be a regular file: the one way the tutor reads a path it was
/// handed. A FIFO, device, socket or directory is refused before any read: opening a FIFO for
/// reading would wait for a writer forever, and a device such as /dev/zero never ends.
public enum RegularFile {
    /// Why the file was not read, as a phrase that follows "path: cannot read the file: ".
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Kind: Equatable, Sendable {
            case missing, denied, directory, notRegular, link, tooLarge, notUTF8, unreadable
        }
        public let kind: Kind
        public let reason: String
        public var description: String { reason }

        public init(_ kind: Kind, reason: String) {
            self.kind = kind
            self.reason = reason
        }
    }

    /// The file's bytes; files larger than `limit` bytes are refused before reading. Without
    /// `followingLinks`, a symbolic link is refused too (a file of someone else's folder).
    public static func contents(_ path: String, limit: Int = Int.max, followingLinks: Bool = true) throws -> [UInt8] {
        // O_NONBLOCK: the open of a FIFO returns at once (then is refused below); it changes
        // nothing for a regular file.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { throw openFailure(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(.unreadable, reason: String(cString: strerror(errno)).lowercased()) }
        if let kind = notRegularKind(info.st_mode) {
            throw Failure(info.st_mode & S_IFMT == S_IFDIR ? .directory : .notRegular, reason: "\(kind), not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw Failure(.tooLarge, reason: "\(size) bytes is larger than the \(limit) bytes such a file can have")
        }
        var readError: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = read(fd, buffer.baseAddress! + count, size - count)
                if n > 0 { count += n } else if n == 0 { break } else if errno != EINTR { readError = errno; break }
            }
        }
        if readError != 0 { throw Failure(.unreadable, reason: String(cString: strerror(readError)).lowercased()) }
        guard bytes.count == size else {
            throw Failure(.unreadable, reason: "read \(bytes.count) of \(size) bytes (the file shrank while being read)")
        }
        return bytes
    }

    /// The file as UTF-8 text; other bytes are refused.
    public static func text(_ path: String, limit: Int = Int.max, followingLinks: Bool = true) throws -> String {
        guard let text = String(validating: try contents(path, limit: limit, followingLinks: followingLinks), as: UTF8.self) else {
            throw Failure(.notUTF8, reason: "not UTF-8 text")
        }
        return text
    }

    static func openFailure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT, ENOTDIR: return Failure(.missing, reason: "no such file")
        case EACCES, EPERM: return Failure(.denied, reason: "permission denied")
        case ENXIO: return Failure(.notRegular, reason: "a socket or device with nothing behind it, not a regular file")
        case ELOOP: return Failure(.link, reason: "a symbolic link, not followed")
        default: return Failure(.unreadable, reason: String(cString: strerror(code)).lowercased())
        }
    }

    static func notRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}
