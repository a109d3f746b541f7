import D2L
import Foundation
import Yams

/// What an author sets for a whole course in `<lessons>/course.yaml` (optional):
///
/// ```yaml
/// feedback: diagnostic   # full | diagnostic | none; a checkpoint's own `feedback:` wins
/// ```
public struct CourseSettings: Sendable, Equatable {
    public static let fileName = "course.yaml"
    static let knownKeys = ["feedback"]

    public var feedback: FeedbackPolicy

    public init(feedback: FeedbackPolicy = .default) {
        self.feedback = feedback
    }

    /// Reads `directory/course.yaml`; the defaults when there is none.
    public static func load(directory: String) throws -> CourseSettings {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return CourseSettings() }
        guard let bytes = try? RegularFile.contents(path, limit: 64 << 10) else { throw CourseError.unreadable(path) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CourseError.notUTF8(path) }
        return try parse(text, file: path)
    }

    /// Parses the text of a `course.yaml` read from `file` (for messages).
    public static func parse(_ text: String, file: String) throws -> CourseSettings {
        func fail(_ line: Int, _ message: String) -> CourseError {
            .badSettings(LessonError(SourceLocation(file: file, line: line), message))
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw fail(1, "not YAML: \(error)")
        }
        guard let root else { return CourseSettings() }
        guard case let .mapping(mapping) = root else { throw fail(1, "course.yaml holds `key: value` lines, e.g. `feedback: diagnostic`") }
        var settings = CourseSettings()
        for (k, v) in mapping {
            let line = (k.mark?.line ?? 1)
            guard let key = k.scalar?.string, knownKeys.contains(key) else {
                throw fail(line, "unknown key '\(k.scalar?.string ?? "?")'; course.yaml knows: \(knownKeys.joined(separator: ", "))")
            }
            guard let word = v.scalar?.string, let policy = FeedbackPolicy(parsing: word) else {
                throw fail(line, "`feedback:` is one of \(FeedbackPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.feedback = policy
        }
        return settings
    }
}
