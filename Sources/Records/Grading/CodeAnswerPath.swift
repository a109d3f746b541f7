import Foundation

/// The answer to a code checkpoint in a submission: the path of the learner's workspace,
/// relative to the learner's own folder and inside it once every symbolic link is resolved.
/// Anything else (a word such as `check`, an absolute path, `../other-learner`) is refused,
/// and grading never falls back to a workspace of its own.
public enum CodeAnswerPath {
    public enum Resolved: Equatable, Sendable {
        case workspace(String)
        case refused(String)
    }

    public static func resolve(_ answer: String, inside folder: String?) -> Resolved {
        let path = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let folder else {
            return .refused("a code answer is graded only from a learner's own folder (one sub-folder per learner)")
        }
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~") else {
            return .refused("the answer to a code checkpoint is the path of the learner's workspace, relative to their folder")
        }
        guard let root = realPath(folder) else { return .refused("\(folder): cannot be read") }
        guard let target = realPath((root as NSString).appendingPathComponent(path)) else {
            return .refused("\(path): no such folder in the learner's submission")
        }
        guard target == root || target.hasPrefix(root + "/") else {
            return .refused("\(path): outside the learner's submission folder")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder), isFolder.boolValue else {
            return .refused("\(path): not a folder")
        }
        return .workspace(target)
    }

    /// `path` with every symbolic link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
