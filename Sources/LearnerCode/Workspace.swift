import D2L
import Foundation
import Lessons

/// A learner's exercise workspace: a Swift package with one file per function to write
/// (`Sources/Exercises/*.swift`), a `runner` executable the tutor invokes, and a path
/// dependency on this project's `D2L` library. Made by `tutor init`.
public struct Workspace: Sendable, Equatable {
    /// The workspace folder (holds `Package.swift` and the marker file).
    public let root: URL

    /// Marks a folder as a tutor workspace and remembers the project it depends on.
    public static let markerName = ".tutor-workspace.json"
    /// The default folder `tutor init` creates, relative to the current directory.
    public static let defaultName = "mlp-exercises"

    public init(root: URL) { self.root = URL(fileURLWithPath: root.standardizedFileURL.path, isDirectory: true) }

    /// Where the learner writes `exercise`.
    public func exerciseFile(for exercise: Exercise) -> URL { root.appendingPathComponent(exercise.file) }

    /// The built runner (debug configuration: quick to build, with runtime checks that
    /// catch learner bugs such as an index out of range, and line numbers in crash reports),
    /// in the tutor's own build folder (`Workspace.compile`).
    public var runnerURL: URL { tutorBuildFolder.appendingPathComponent("runner") }

    // MARK: Creating

    /// Every file of a fresh workspace, keyed by path relative to the root.
    public static func templateFiles(projectPath: String) -> [String: String] {
        [
            "Package.swift": manifest(projectPath: projectPath),
            "Sources/Exercises/TODO.swift": WorkspaceExerciseStubs.todoSwift,
            "Sources/Exercises/Gradients.swift": WorkspaceExerciseStubs.gradientsSwift,
            Exercise.relu.file: WorkspaceExerciseStubs.reluSwift,
            Exercise.net.file: WorkspaceExerciseStubs.netSwift,
            Exercise.loss.file: WorkspaceExerciseStubs.lossSwift,
            Exercise.sgd.file: WorkspaceExerciseStubs.sgdSwift,
            Exercise.train.file: WorkspaceExerciseStubs.trainSwift,
            "Sources/runner/main.swift": WorkspaceRunnerSource.mainSwift,
            "README.md": readme,
            ".gitignore": ".build/\nPackage.resolved\n",
        ]
    }

    /// Files the tutor owns and rewrites on `init --force`; the learner's exercise files are
    /// never overwritten once they exist.
    static let tutorOwnedFiles: Set<String> = ["Package.swift", "Sources/Exercises/TODO.swift",
                                               "Sources/Exercises/Gradients.swift", "Sources/runner/main.swift", "README.md", ".gitignore"]

    /// Creates a workspace at `root` depending on the project at `projectPath`.
    ///
    /// Existing exercise files are kept (a learner's work is never overwritten); the tutor's
    /// own files are written when missing, or always with `force`.
    /// - Returns: the workspace and the relative paths written.
    @discardableResult
    public static func create(at root: URL, projectPath: String, force: Bool = false) throws -> (Workspace, [String]) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: root.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw WorkspaceError.notADirectory(root.path) }
            let marker = root.appendingPathComponent(markerName)
            let contents = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
            if !fm.fileExists(atPath: marker.path), !contents.isEmpty {
                throw WorkspaceError.folderNotEmpty(root.path)
            }
        }
        var written: [String] = []
        for (path, text) in templateFiles(projectPath: projectPath).sorted(by: { $0.key < $1.key }) {
            let url = root.appendingPathComponent(path)
            let exists = fm.fileExists(atPath: url.path)
            if exists && !(force && tutorOwnedFiles.contains(path)) { continue }
            // Unchanged files keep their dates, so the next build stays incremental.
            if exists, (try? RegularFile.text(url.path)) == text { continue }
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            written.append(path)
        }
        let marker = WorkspaceMarker(project: projectPath, tutorVersion: TutorInfo.version)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(marker).write(to: root.appendingPathComponent(markerName))
        return (Workspace(root: root), written)
    }

    static func manifest(projectPath: String) -> String {
        let escaped = projectPath.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return """
        // swift-tools-version:6.0
        // Made by `tutor init`. Your code goes in Sources/Exercises; the runner is the tutor's.
        // 由 `tutor init` 生成。你的代码写在 Sources/Exercises 中；runner 属于教程。
        import PackageDescription

        let package = Package(
            name: "mlp-exercises",
            dependencies: [
                // This course's library (Tensor, matmul, MLPParameters, FashionMNIST, …).
                .package(name: "mlp-tutor", path: "\(escaped)"),
            ],
            targets: [
                .target(name: "Exercises", dependencies: [.product(name: "D2L", package: "mlp-tutor")]),
                .executableTarget(
                    name: "runner",
                    dependencies: ["Exercises", .product(name: "D2L", package: "mlp-tutor"),
                                   .product(name: "RunnerWire", package: "mlp-tutor")]),
            ],
            swiftLanguageModes: [.v5]
        )

        """
    }

    static let readme = """
    # MLP from scratch: your exercises · 从零实现多层感知机：你的练习

    Write each function in `Sources/Exercises/` (relu, net, loss, sgd, train), then check it:

        tutor check relu-code --workspace .     # one exercise
        tutor watch --workspace .               # re-check whenever you save a file

    在 `Sources/Exercises/` 中逐个实现这些函数（relu、net、loss、sgd、train），然后检查：

        tutor check relu-code --workspace .     # 检查一个练习
        tutor watch --workspace .               # 每次保存文件时自动重新检查

    `Package.swift`, `Sources/runner`, `Sources/Exercises/TODO.swift` and `Gradients.swift` belong to the
    tutor: every check rewrites them, so keep your changes in the five exercise files.
    `Package.swift`、`Sources/runner`、`Sources/Exercises/TODO.swift` 和 `Gradients.swift` 属于教程：
    每次检查都会重写它们，所以请只修改五个练习文件。

    """

    // MARK: Finding

    /// The workspace to use: `explicit` (a flag), else `$TUTOR_WORKSPACE`, else the current
    /// directory or one of its parents holding the marker, else `./mlp-exercises` if it exists.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                              currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> Workspace {
        let fm = FileManager.default
        func isWorkspace(_ url: URL) -> Bool { fm.fileExists(atPath: url.appendingPathComponent(markerName).path) }
        if let path = explicit ?? environment["TUTOR_WORKSPACE"], !path.isEmpty {
            let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: currentDirectory)).standardizedFileURL
            guard isWorkspace(url) else { throw WorkspaceError.notAWorkspace(url.path) }
            return Workspace(root: url)
        }
        var dir = URL(fileURLWithPath: currentDirectory).standardizedFileURL
        while true {
            if isWorkspace(dir) { return Workspace(root: dir) }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        let child = URL(fileURLWithPath: currentDirectory).appendingPathComponent(defaultName)
        if isWorkspace(child) { return Workspace(root: child) }
        throw WorkspaceError.noWorkspace
    }

    /// Rewrites the tutor's own files (runner, support code, manifest) where they differ from
    /// this tutor's templates, so a workspace made by an older tutor speaks the current
    /// protocol. The learner's exercise files are never touched.
    ///
    /// The manifest depends on the project the marker names when that is a project on this
    /// machine, else on this tutor's own (`thisProject`): a workspace made on a learner's
    /// machine, or before the project moved, builds where it is checked or graded.
    public func refreshTutorFiles(thisProject: () throws -> String = { try ProjectLocator.find(explicit: nil) }) throws {
        let project = try buildProject(thisProject: thisProject)
        for (path, text) in Self.templateFiles(projectPath: project) where Self.tutorOwnedFiles.contains(path) {
            let url = root.appendingPathComponent(path)
            if (try? RegularFile.text(url.path)) == text { continue }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// The project the workspace builds against: the one the marker names when that is a
    /// project on this machine, else this tutor's own (`thisProject`).
    func buildProject(thisProject: () throws -> String = { try ProjectLocator.find(explicit: nil) }) throws -> String {
        let named = try marker().project
        return ProjectLocator.isProject(URL(fileURLWithPath: named)) ? named : ((try? thisProject()) ?? named)
    }

    /// The marker's contents (the project path it was made for).
    public func marker() throws -> WorkspaceMarker {
        let data = Data(try RegularFile.contents(root.appendingPathComponent(Self.markerName).path, limit: 1 << 16))
        return try JSONDecoder().decode(WorkspaceMarker.self, from: data)
    }

    /// Modification times of every source file, to notice a save (`tutor watch`).
    public func sourceStamps() -> [String: Date] {
        var stamps: [String: Date] = [:]
        let fm = FileManager.default
        let sources = root.appendingPathComponent("Sources")
        guard let walker = fm.enumerator(at: sources, includingPropertiesForKeys: [.contentModificationDateKey]) else { return [:] }
        for case let url as URL in walker where url.pathExtension == "swift" {
            let date = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
            stamps[url.path] = date ?? .distantPast
        }
        stamps[root.appendingPathComponent("Package.swift").path] =
            (try? fm.attributesOfItem(atPath: root.appendingPathComponent("Package.swift").path))?[.modificationDate] as? Date
        return stamps
    }
}

/// What `.tutor-workspace.json` holds.
public struct WorkspaceMarker: Codable, Sendable, Equatable {
    public var project: String
    public var tutorVersion: String
}

/// Problems finding or making a workspace, each saying what to do.
public enum WorkspaceError: Error, Equatable, CustomStringConvertible {
    case notADirectory(String)
    case folderNotEmpty(String)
    case notAWorkspace(String)
    case noWorkspace
    case projectNotFound

    public var description: String {
        switch self {
        case let .notADirectory(p): return "\(p) exists and is not a folder; choose another place for the workspace"
        case let .folderNotEmpty(p): return "\(p) is not empty and is not a tutor workspace; choose an empty or new folder"
        case let .notAWorkspace(p): return "\(p) is not a tutor workspace (no \(Workspace.markerName)); create one with `tutor init \(p)`"
        case .noWorkspace: return "no exercise workspace here; create one with `tutor init` (it makes ./\(Workspace.defaultName)) or pass --workspace DIR"
        case .projectNotFound: return "cannot find the tutor's project (the folder with Package.swift and Sources/D2L); pass --project DIR or set TUTOR_PROJECT"
        }
    }
}
