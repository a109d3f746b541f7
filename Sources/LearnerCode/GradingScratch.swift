import D2L
import Foundation
import Lessons

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workspace handed in for grading is never built where it lies: its exercise sources (the
/// regular `.swift` files under `Sources/Exercises`, links not followed) are copied into a
/// folder of the grader's, next to this tutor's own files for the grader's project, and built
/// there. Nothing else of the submission is used or written: not its `.build` (a prebuilt runner,
/// planted build products, an edited copy of the library), its manifest or its marker.
public struct GradingScratch: Sendable, Equatable {
    /// The grader's workspace the sources are copied into; its `.build` is kept between
    /// submissions, so the library compiles once.
    public var folder: URL
    /// This tutor's project, which the copy depends on.
    public var project: String

    /// Most files and bytes copied from one submission (the five exercises need a few KiB).
    static let maxFiles = 64
    static let maxFileBytes = 1 << 20
    static let maxDepth = 8

    public init(folder: URL, project: String) {
        self.folder = folder
        self.project = project
    }

    /// `$XDG_CACHE_HOME/tutor/grading/<project digest>` for this tutor's project, or why there is none.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<GradingScratch, GradingScratchError> {
        let project: String
        do { project = try ProjectLocator.find(explicit: nil, environment: environment) } catch {
            return .failure(GradingScratchError("\(error)"))
        }
        guard let cache = StandardDirectories.cache(environment: environment) else {
            return .failure(GradingScratchError("no cache folder to build in: set XDG_CACHE_HOME or HOME"))
        }
        let digest = SHA256.hex(Array(project.utf8)).prefix(12)
        return .success(GradingScratch(folder: URL(fileURLWithPath: "\(cache)/grading/\(digest)"), project: project))
    }

    /// Runs `body` holding the scratch folder: against the other threads of this process
    /// (the lock `CodeChecker` takes too) and against other processes (`flock` on `<folder>.lock`,
    /// for shards graded side by side).
    func exclusively<T>(_ body: () throws -> T) throws -> T {
        let lock = WorkspaceLocks.lock(for: Workspace(root: folder))
        lock.lock()
        defer { lock.unlock() }
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(folder.path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw GradingScratchError("\(folder.path).lock: cannot be opened (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        return try body()
    }

    /// Replaces the scratch workspace's exercise sources by those of `submitted` and returns it.
    /// Call it, and check the copy, inside `exclusively`.
    func copy(of submitted: URL) throws -> Workspace {
        let sources = try Self.exerciseSources(in: submitted.appendingPathComponent("Sources/Exercises"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (workspace, _) = try Workspace.create(at: folder, projectPath: project, force: true)
        let templates = Workspace.templateFiles(projectPath: project)
        var wanted: [String: String] = [:]
        for (path, text) in templates where path.hasPrefix("Sources/Exercises/") { wanted[path] = text }
        for (path, text) in sources where !Workspace.tutorOwnedFiles.contains(path) { wanted[path] = text }

        let exercises = folder.appendingPathComponent("Sources/Exercises")
        // Unchanged files keep their dates. Changed ones are written at least a second after
        // the previous copy's: the compile goes by contents, but its `swift build` fallback
        // goes by dates, and once missed a file swapped within the second of the one before.
        let changed = wanted.filter { (try? RegularFile.text(folder.appendingPathComponent($0.key).path, followingLinks: false)) != $0.value }
        let stale = Self.files(in: exercises).filter { wanted["Sources/Exercises/" + $0] == nil }
        guard !changed.isEmpty || !stale.isEmpty else { return workspace }
        let stamp = folder.appendingPathComponent(".tutor-copied")
        if let last = (try? FileManager.default.attributesOfItem(atPath: stamp.path))?[.modificationDate] as? Date {
            let wait = last.addingTimeInterval(1.1).timeIntervalSinceNow
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        }
        for old in stale { try FileManager.default.removeItem(at: exercises.appendingPathComponent(old)) }
        for (path, text) in changed {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try Data().write(to: stamp)
        return workspace
    }

    /// The `.swift` files under `folder` (paths from the workspace root), read without following
    /// links, within the limits above.
    static func exerciseSources(in folder: URL) throws -> [String: String] {
        var sources: [String: String] = [:]
        for relative in files(in: folder) where relative.hasSuffix(".swift") {
            guard sources.count < maxFiles else {
                throw GradingScratchError("more than \(maxFiles) source files in Sources/Exercises")
            }
            let path = folder.appendingPathComponent(relative).path
            do {
                sources["Sources/Exercises/" + relative] = try RegularFile.text(path, limit: maxFileBytes, followingLinks: false)
            } catch {
                throw GradingScratchError("Sources/Exercises/\(relative): cannot be used (\(error))")
            }
        }
        return sources
    }

    /// Every entry under `folder` that is not a folder (relative paths), not entering links,
    /// at most `maxDepth` folders down.
    static func files(in folder: URL) -> [String] {
        var found: [String] = []
        var pending: [(String, Int)] = [("", 0)]
        while let (relative, level) = pending.popLast() {
            let here = relative.isEmpty ? folder.path : folder.appendingPathComponent(relative).path
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: here)) ?? [] {
                let path = relative.isEmpty ? entry : relative + "/" + entry
                var info = stat()
                guard lstat(folder.appendingPathComponent(path).path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    if level < maxDepth { pending.append((path, level + 1)) }
                } else {
                    found.append(path)
                }
            }
        }
        return found.sorted()
    }
}

/// Why a submitted workspace was not copied.
public struct GradingScratchError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
