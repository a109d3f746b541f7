import Foundation

/// Reads a file the tutor was handed (a lesson, an answer, a submission, a cache entry): a
/// regular file only (a FIFO or a device would block or never end), and at most `limit` bytes.
public enum ReadFile {
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public static func data(_ path: String, limit: Int) throws -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ReadError(path: path, reason: errnoText(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ReadError(path: path, reason: (info.st_mode & S_IFMT) == S_IFDIR ? "is a folder, not a file" : "is not a regular file")
        }
        guard info.st_size <= limit else {
            throw ReadError(path: path, reason: "is \(info.st_size) bytes; at most \(limit) are read")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReadError(path: path, reason: "cannot be opened for reading") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        guard data.count <= limit else { throw ReadError(path: path, reason: "grew past \(limit) bytes while being read") }
        return data
    }

    /// The file as UTF-8 text.
    public static func text(_ path: String, limit: Int) throws -> String {
        guard let text = String(data: try data(path, limit: limit), encoding: .utf8) else {
            throw ReadError(path: path, reason: "is not UTF-8 text")
        }
        return text
    }
}
