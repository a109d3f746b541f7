import D2L
import Foundation

/// A folder of lessons: `DIR/<lang>/NN-slug.md`, the same file names in every language.
public struct Course: Sendable {
    /// The folder the course was loaded from.
    public let directory: String
    /// Lessons per language, ordered by file name.
    public let lessons: [String: [Lesson]]
    /// The course-wide settings (`course.yaml`).
    public var settings = CourseSettings()

    /// The languages present, sorted (`en`, `zh`).
    public var languages: [String] { lessons.keys.sorted() }

    /// The course's name in the progress folder: the lessons folder's name (the project's own
    /// `lessons` folder is the course `mlp-from-scratch`).
    public var name: String {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
        return folder == "lessons" || folder.isEmpty ? "mlp-from-scratch" : folder
    }

    /// Loads every `NN-slug.md` under `directory/<lang>/`. A folder that holds lesson files
    /// itself is one language, named by the folder when it is `en`/`zh`, else `en`.
    public static func load(directory: String) throws -> Course {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw CourseError.noDirectory(directory)
        }
        var result: [String: [Lesson]] = [:]
        let settings = try CourseSettings.load(directory: directory)
        let own = lessonFiles(in: directory)
        if !own.isEmpty {
            let name = (directory as NSString).lastPathComponent
            let lang = name.count == 2 ? name : "en"
            result[lang] = try own.map { try loadLesson(path: $0, language: lang, feedback: settings.feedback) }
        } else {
            let entries = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
            for entry in entries.sorted() {
                let sub = (directory as NSString).appendingPathComponent(entry)
                guard fm.fileExists(atPath: sub, isDirectory: &isDir), isDir.boolValue else { continue }
                let files = lessonFiles(in: sub)
                if !files.isEmpty { result[entry] = try files.map { try loadLesson(path: $0, language: entry, feedback: settings.feedback) } }
            }
        }
        guard !result.isEmpty else { throw CourseError.noLessons(directory) }
        return Course(directory: directory, lessons: result, settings: settings)
    }

    /// Reads and parses one lesson file; `feedback` is the course's policy.
    public static func loadLesson(path: String, language: String, feedback: FeedbackPolicy = .default) throws -> Lesson {
        guard let bytes = try? RegularFile.contents(path, limit: maxLessonBytes) else { throw CourseError.unreadable(path) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CourseError.notUTF8(path) }
        return LessonParser.parse(markdown: text, file: path, language: language, feedback: feedback)
    }

    /// A lesson larger than this is not read (4 MiB: a hundred times the largest lesson).
    public static let maxLessonBytes = 4 << 20

    /// Paths of the files named like lessons (`NN-slug.md`) in `directory`, sorted.
    public static func lessonFiles(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter(isLessonFileName).sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// `NN-slug.md`: digits, a dash, then a name.
    public static func isLessonFileName(_ name: String) -> Bool {
        guard name.hasSuffix(".md") else { return false }
        let digits = name.prefix(while: { $0.isASCII && $0.isNumber })
        return !digits.isEmpty && name.dropFirst(digits.count).hasPrefix("-") && name.count > digits.count + 4
    }

    /// The lessons of `language`, or of English, or of the first language present.
    public func lessons(in language: String) -> [Lesson] {
        lessons[language] ?? lessons["en"] ?? lessons[languages[0]] ?? []
    }

    /// The checkpoint `id` in `language` (falling back as `lessons(in:)` does) and its lesson.
    public func checkpoint(_ id: String, language: String) -> (lesson: Lesson, spec: CheckpointSpec)? {
        for lesson in lessons(in: language) {
            if let spec = lesson.checkpoints.first(where: { $0.id == id }) { return (lesson, spec) }
        }
        return nil
    }

    /// The lessons folder to use when none is given: `$TUTOR_LESSONS`, else `./lessons`, else
    /// the `lessons` folder next to the executable's package (for `make tutor` from anywhere).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment,
                                        currentDirectory: String = FileManager.default.currentDirectoryPath,
                                        executableFolder: URL? = StandardDirectories.executableFolder()) -> String {
        if let env = environment["TUTOR_LESSONS"], !env.isEmpty { return env }
        let cwd = currentDirectory + "/lessons"
        if FileManager.default.fileExists(atPath: cwd) { return cwd }
        // .build/<config>/tutor → package root
        guard var dir = executableFolder else { return "lessons" }
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("lessons").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "lessons"
    }
}

/// Problems loading a course folder.
public enum CourseError: Error, Equatable, CustomStringConvertible {
    case noDirectory(String), noLessons(String), unreadable(String), notUTF8(String)
    case unknownCheckpoint(String, suggestion: String)
    /// `course.yaml` is wrong: where and what.
    case badSettings(LessonError)

    public var description: String {
        switch self {
        case let .noDirectory(d): return "\(d): no such folder of lessons (give one with --lessons DIR)"
        case let .noLessons(d):
            return "\(d): no lessons found (expected <lang>/NN-slug.md files, e.g. en/01-data.md; give the folder with --lessons DIR or TUTOR_LESSONS)"
        case let .unreadable(p): return "\(p): cannot read the file"
        case let .notUTF8(p): return "\(p): not UTF-8 text"
        case let .unknownCheckpoint(id, hint): return "no checkpoint '\(id)' in the course\(hint)"
        case let .badSettings(e): return e.description
        }
    }
}

extension Course {
    /// The checkpoint `id` in `language`, or an error naming the close ids.
    public func findCheckpoint(_ id: String, language: String) throws -> (lesson: Lesson, spec: CheckpointSpec) {
        if let found = checkpoint(id, language: language) { return found }
        let ids = lessons(in: language).flatMap { $0.checkpoints.map(\.id) }
        // A checkpoint whose block fails to parse is missing from `ids`: its error says why.
        let errors = lessons(in: language).flatMap(\.errors)
        let why = errors.isEmpty ? "" : "; the lessons have errors that may hide it:\n" + errors.prefix(5).map { "  \($0)" }.joined(separator: "\n")
        throw CourseError.unknownCheckpoint(id, suggestion: suggestion(id, ids) + why)
    }

    /// The lessons of `language` as the navigator walks them.
    public func outline(language: String) -> CourseOutline {
        CourseOutline(lessons: lessons(in: language).map(\.outline))
    }
}
