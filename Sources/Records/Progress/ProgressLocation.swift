import D2L
import Foundation
import Lessons

/// Where one learner's progress in one course lives, whichever language is shown:
/// `<state>/<learner>/<course>/progress.json` (and `progress.lock` beside it).
public struct ProgressLocation: Equatable, Sendable {
    public let stateDirectory: String
    public let learner: String
    public let course: String

    public init(stateDirectory: String, learner: String, course: String) {
        self.stateDirectory = stateDirectory
        self.learner = ProgressLocation.safeName(learner)
        self.course = ProgressLocation.safeName(course)
    }

    /// Whose inputs the checkpoints with per-learner inputs use: this learner in this course.
    public var identity: LearnerIdentity { LearnerIdentity(learner: learner, course: course) }

    /// The folder holding the files of this learner and course.
    public var folder: String { "\(stateDirectory)/\(learner)/\(course)" }
    public var file: String { "\(folder)/progress.json" }
    public var lockFile: String { "\(folder)/progress.lock" }
    /// The previous good version, kept by every save (a hard link, so it costs nothing).
    public var backupFile: String { "\(folder)/progress.json.bak" }
    /// The exercise workspace that `tutor init` made for this learner and course (one path).
    public var workspaceFile: String { "\(folder)/workspace" }

    /// Progress files of one language each, as tutors before the one file per course kept
    /// them (`<folder>/<lang>/progress.json`); merged into `file` on first load.
    public var perLanguageFiles: [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.sorted().map { "\(folder)/\($0)/progress.json" }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// What a per-language file is renamed to once merged (kept as a backup, never read again).
    public static func mergedBackup(of file: String) -> String { file + ".merged" }

    /// The workspace remembered for this learner and course, if any.
    public func rememberedWorkspace() -> String? {
        guard let text = try? RegularFile.text(workspaceFile, limit: 1 << 16) else { return nil }
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path
    }

    /// Remembers `path` (absolute) as this learner's workspace in this course.
    public func rememberWorkspace(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try AtomicFile.write(Data((path + "\n").utf8), to: workspaceFile)
    }

    /// The state root: `--state DIR` when given, else `$XDG_STATE_HOME/tutor`,
    /// else `~/.local/state/tutor`.
    public static func stateRoot(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return absolute(explicit) }
        return StandardDirectories.state(environment: environment)
    }

    /// The learner's name: `$TUTOR_LEARNER`, else `$USER`, else `learner`.
    public static func defaultLearner(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["TUTOR_LEARNER", "USER", "LOGNAME"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        return "learner"
    }

    /// A name made safe as one path component (no `/`, no leading dot, not empty).
    public static func safeName(_ name: String) -> String {
        var cleaned = String(name.map { ($0.isLetter || $0.isNumber || "-_.@".contains($0)) ? $0 : "_" })
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        return cleaned.isEmpty ? "_" : cleaned
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/") { return NSHomeDirectory() + path.dropFirst(1) }
        return FileManager.default.currentDirectoryPath + "/" + path
    }
}
