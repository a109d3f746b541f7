#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import D2L
import Foundation
import Lessons
import Yams

/// What one submission may be before it is read: each limit breached is one broken row with a
/// message, and grading of the others goes on (docs/grading.md states them).
public enum SubmissionLimits {
    /// Bytes of a submission file (a progress file with every attempt stays far below).
    public static let fileBytes = 8 << 20
    /// Bytes of one answer.
    public static let answerBytes = 1 << 20
    /// Nesting of brackets in one answer, and of lists and mappings in a file.
    public static let depth = 64
    /// Values in a YAML file, counted before anything is built from them.
    public static let yamlValues = 200_000

    /// Why `path` is not read as a submission file, or nil: it must be a regular file (not a
    /// symbolic link, a FIFO or a device) no larger than `fileBytes`.
    public static func fileProblem(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "\(path): cannot read the file (\(String(cString: strerror(errno))))" }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return "\(path): a symbolic link; submissions are read without following links"
        default: return "\(path): not a regular file"
        }
        guard Int(info.st_size) <= fileBytes else {
            return "\(path): \(info.st_size) bytes, more than the \(fileBytes >> 20) MB a submission file may have"
        }
        return nil
    }

    /// Reads `path` without following links (`RegularFile`), refusing what `fileProblem`
    /// refuses (checked again on the open file, so a file swapped in between is refused too).
    public static func contents(of path: String) -> Result<Data, SubmissionLimitError> {
        if let problem = fileProblem(path) { return .failure(SubmissionLimitError(problem)) }
        do { return .success(Data(try RegularFile.contents(path, limit: fileBytes, followingLinks: false))) } catch {
            return .failure(SubmissionLimitError("\(path): cannot read the file (\(error))"))
        }
    }

    /// The YAML `text` as values, refusing deep nesting and more than
    /// `yamlValues` values, all before anything is expanded or built.
    public static func loadYAML(_ text: String) throws -> Any? {
        guard YAMLBounds.depthBound(text) <= depth * 2 else {
            throw SubmissionLimitError("nested more than \(depth) levels deep")
        }
        guard let root = try Yams.compose(yaml: text) else { return nil }
        guard !YAMLBounds.valuesExceed(root, limit: yamlValues) else {
            throw SubmissionLimitError("more than \(yamlValues) values (anchors and aliases count at every use)")
        }
        return try Yams.load(yaml: text)
    }
}

public struct SubmissionLimitError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
