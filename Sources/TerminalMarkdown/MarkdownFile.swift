#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a Markdown file could not be read, as one line a person can act on.
public struct MarkdownFileError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case notFound, permissionDenied, isDirectory, binary(line: Int), invalidUTF8(line: Int),
             tooLarge, unreadable(String)
    }
    public let path: String
    public let reason: Reason

    public var description: String {
        switch reason {
        case .notFound:
            return "\(path): no such file"
        case .permissionDenied:
            return "\(path): permission denied (cannot read it)"
        case .isDirectory:
            return "\(path): is a directory; give a Markdown file"
        case .binary(let line):
            return "\(path):\(line): binary data (a NUL byte); give a Markdown text file"
        case .invalidUTF8(let line):
            return "\(path):\(line): not valid UTF-8 text; save the file as UTF-8"
        case .tooLarge:
            return "\(path): larger than 16 MB; not a Markdown document"
        case .unreadable(let message):
            return "\(path): cannot read it (\(message))"
        }
    }
}

/// Reads a Markdown file as UTF-8 text (a leading byte-order mark is dropped). Missing,
/// unreadable, directory, binary and invalid UTF-8 files are reported as `MarkdownFileError`.
public func readMarkdownFile(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY)
    if fd < 0 {
        let code = errno
        switch code {
        case ENOENT, ENOTDIR: throw MarkdownFileError(path: path, reason: .notFound)
        case EACCES, EPERM: throw MarkdownFileError(path: path, reason: .permissionDenied)
        case EISDIR: throw MarkdownFileError(path: path, reason: .isDirectory)
        default: throw MarkdownFileError(path: path, reason: .unreadable(String(cString: strerror(code))))
        }
    }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
        throw MarkdownFileError(path: path, reason: .isDirectory)
    }
    let limit = 16 << 20
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            let code = errno
            if code == EISDIR { throw MarkdownFileError(path: path, reason: .isDirectory) }
            throw MarkdownFileError(path: path, reason: .unreadable(String(cString: strerror(code))))
        }
        if count == 0 { break }
        bytes += chunk[0..<count]
        if bytes.count > limit { throw MarkdownFileError(path: path, reason: .tooLarge) }
    }
    return try decodeMarkdown(bytes, path: path)
}

/// Decodes file bytes as UTF-8 Markdown, or says which line is at fault.
func decodeMarkdown(_ bytes: [UInt8], path: String) throws -> String {
    if let nul = bytes.firstIndex(of: 0) {
        throw MarkdownFileError(path: path, reason: .binary(line: lineNumber(bytes, nul)))
    }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let text = String(validating: body, as: UTF8.self) { return text }
    // Invalid somewhere: find the line to report.
    var decoder = UTF8()
    var iterator = body.makeIterator()
    var consumed = body.startIndex
    var result = String.UnicodeScalarView()
    loop: while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar):
            result.append(scalar)
            consumed += UTF8.width(scalar)
        case .emptyInput:
            break loop
        case .error:
            throw MarkdownFileError(path: path, reason: .invalidUTF8(line: lineNumber(bytes, min(consumed, bytes.count - 1))))
        }
    }
    return String(result)
}

private func lineNumber(_ bytes: [UInt8], _ offset: Int) -> Int {
    1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
}
