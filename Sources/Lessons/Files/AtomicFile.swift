import Foundation

/// The one way the tutor replaces a file: the bytes go to a new temporary file beside it
/// (created with O_EXCL|O_NOFOLLOW under an unpredictable name, so a planted file or symlink is
/// never written through), are fsynced, and the temporary file is renamed over the target; the
/// folder is fsynced last. A reader sees the old file or the new one, never half of either.
public enum AtomicFile {
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes `data` to `path`. `backup`, when given, receives the previous version (a hard
    /// link: it costs nothing). `createFolder` makes the missing folders first.
    public static func write(_ data: Data, to path: String, backup: String? = nil, createFolder: Bool = false) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if createFolder, !folder.isEmpty, let code = makeFolders(folder) {
            throw WriteError(path: folder, reason: "cannot create the folder (\(errnoText(code)))")
        }
        let (fd, temporary) = try createTemporary(beside: path)
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure != 0 {
            unlink(temporary)
            throw WriteError(path: path, reason: errnoText(failure))
        }
        if let backup, access(path, F_OK) == 0 {
            unlink(backup)
            _ = link(path, backup)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, reason: errnoText(code))
        }
        let dirFD = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 { fsync(dirFD); close(dirFD) }
    }

    /// Writes `text` as UTF-8.
    public static func write(_ text: String, to path: String, createFolder: Bool = false) throws {
        try write(Data(text.utf8), to: path, createFolder: createFolder)
    }

    /// Makes `folder` and the folders missing above it; the errno of the first one that cannot be
    /// made (ENOTDIR when a file stands where a folder should), nil when all exist.
    static func makeFolders(_ folder: String) -> Int32? {
        let components = folder.split(separator: "/", omittingEmptySubsequences: false)
        var prefix = ""
        for (index, component) in components.enumerated() {
            prefix += (index == 0 ? "" : "/") + component
            if component.isEmpty || component == "." { continue }
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { return errno }
        }
        var info = stat()
        guard stat(folder, &info) == 0 else { return errno }
        return info.st_mode & S_IFMT == S_IFDIR ? nil : ENOTDIR
    }

    /// A new file `<path>.tmp-<random>` that did not exist before (never a symlink).
    static func createTemporary(beside path: String) throws -> (Int32, String) {
        for _ in 0..<16 {
            let temporary = "\(path).tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { return (fd, temporary) }
            if errno != EEXIST { throw WriteError(path: path, reason: errnoText(errno)) }
        }
        throw WriteError(path: path, reason: "could not create a temporary file beside it")
    }
}

/// `strerror` of an errno value, as a sentence fragment.
public func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
