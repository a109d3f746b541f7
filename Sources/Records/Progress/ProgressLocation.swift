import Foundation
import Lessons

/// Where one learner's progress in one course and language lives:
/// `<state>/<learner>/<course>/<language>/progress.json` (and `progress.lock` beside it).
public struct ProgressLocation: Equatable, Sendable {
    public let stateDirectory: String
    public let learner: String
    public let course: String
    public let language: TutorLanguage

    public init(stateDirectory: String, learner: String, course: String, language: TutorLanguage) {
        self.stateDirectory = stateDirectory
        self.learner = ProgressLocation.safeName(learner)
        self.course = ProgressLocation.safeName(course)
        self.language = language
    }

    /// The folder holding the files of this learner, course and language.
    public var folder: String { "\(stateDirectory)/\(learner)/\(course)/\(language.rawValue)" }
    public var file: String { "\(folder)/progress.json" }
    public var lockFile: String { "\(folder)/progress.lock" }
    /// The previous good version, kept by every save (a hard link, so it costs nothing).
    public var backupFile: String { "\(folder)/progress.json.bak" }

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
