import D2L
import Foundation
import Judging
import Lessons

/// Finds this project's package root (the folder with `Package.swift` and `Sources/D2L`),
/// which a workspace depends on by path.
public enum ProjectLocator {
    /// `explicit` (a flag), else `$TUTOR_PROJECT`, else the first ancestor of the running
    /// executable (`…/.build/release/tutor`) that is the project, else of the current directory.
    public static func find(explicit: String?,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let path = explicit ?? environment["TUTOR_PROJECT"], !path.isEmpty {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            guard isProject(url) else { throw WorkspaceError.projectNotFound }
            return url.path
        }
        let starts = [StandardDirectories.executableFolder(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)].compactMap { $0 }
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                if isProject(dir) { return dir.path }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw WorkspaceError.projectNotFound
    }

    /// Whether `dir` is this project: its manifest names the package and the library exists.
    public static func isProject(_ dir: URL) -> Bool {
        let manifest = dir.appendingPathComponent("Package.swift")
        guard let text = try? RegularFile.text(manifest.path) else { return false }
        var isDir: ObjCBool = false
        return text.contains("\"mlp-tutor\"")
            && FileManager.default.fileExists(atPath: dir.appendingPathComponent("Sources/D2L").path, isDirectory: &isDir)
            && isDir.boolValue
    }

}
