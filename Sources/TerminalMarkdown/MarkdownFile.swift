import D2L

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
/// unreadable, directory, FIFO and other special, binary and invalid UTF-8 files are reported
/// as `MarkdownFileError`, at once (`RegularFile`).
public func readMarkdownFile(_ path: String) throws -> String {
    let bytes: [UInt8]
    do { bytes = try RegularFile.contents(path, limit: 16 << 20) } catch let failure as RegularFile.Failure {
        switch failure.kind {
        case .missing: throw MarkdownFileError(path: path, reason: .notFound)
        case .denied: throw MarkdownFileError(path: path, reason: .permissionDenied)
        case .directory: throw MarkdownFileError(path: path, reason: .isDirectory)
        case .tooLarge: throw MarkdownFileError(path: path, reason: .tooLarge)
        default: throw MarkdownFileError(path: path, reason: .unreadable(failure.reason))
        }
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
