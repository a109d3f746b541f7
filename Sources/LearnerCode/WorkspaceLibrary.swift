import Foundation
import Lessons

/// The course library (`D2L`, and `RunnerWire` for the runner) built once for every exercise
/// workspace, so a learner's edit is compiled against it in about a second (`Workspace.compile`)
/// instead of `swift build` planning a package and compiling the library in each new workspace.
///
/// It lives in the project's build folder, `<project>/.build/workspace-library/<key>/`: the
/// modules (`Modules/`), static libraries (`lib/`), the system module maps D2L imports, a clang
/// module cache, and `library.json`, written last. `make tutor` builds it (`tutor build-library`);
/// a check builds it when it is missing. The key is a SHA-256 of everything the build reads (the
/// sources of D2L and RunnerWire, the module maps, the manifest), of the compiler
/// (`SwiftCompiler.identity`) and of the flags: after a `git pull` or with another toolchain
/// the key differs, the old folder is never linked against, and a new one is built.
///
/// Built as SwiftPM's debug build of the package is (the same optimisation, runtime checks and
/// messages as a workspace's own `swift build`), under the project's package name: the exercises' reference functions in D2L
/// are `package` access, out of reach of the learner's module, which has no package name.
public struct WorkspaceLibrary: Sendable, Equatable {
    public let project: URL
    public let compiler: SwiftCompiler
    /// Hex SHA-256 of the inputs; the folder is named by its first 16 digits.
    public let key: String

    /// The modules, in build order (their sources in `Sources/<name>`), and their optimisation
    /// as the manifest gives it in a debug build: D2L is optimised there too (Package.swift).
    static let modules = ["D2L", "RunnerWire"]
    static let optimisation = ["D2L": "-O", "RunnerWire": "-Onone"]
    /// The C libraries D2L imports: module maps in `Sources/<name>`, flags from pkg-config.
    static let systemModules = ["COpenBLAS", "CZlib"]
    static let pkgConfigPackages = ["openblas", "zlib"]
    /// D2L's own C targets: each source compiled by the toolchain's clang, the objects archived in
    /// `lib/lib<name>.a`, the module map and headers (`Sources/<name>/include`) copied to `<name>/`.
    static let cTargets = ["CSgemm"]
    static let cFlags = ["-O2", "-fPIC"]
    static let libraryFlags = ["-g", "-DSWIFT_PACKAGE", "-DDEBUG", "-swift-version", "6", "-parse-as-library",
                               "-package-name", "mlp_tutor", "-wmo", "-no-emit-module-separately-wmo"]
    /// Raised whenever the way the library is built changes beyond these flags, so no library
    /// built the old way is used.
    static let recipe = 3
    /// The learner's code is compiled as a workspace's `swift build` compiles it: debug, Swift 5 mode.
    static let learnerFlags = ["-Onone", "-g", "-DSWIFT_PACKAGE", "-DDEBUG", "-swift-version", "5"]

    /// Reads the library's sources to make the key. Throws when the project has none.
    public init(project: URL, compiler: SwiftCompiler) throws {
        self.project = project.standardizedFileURL
        self.compiler = compiler
        self.key = try Self.key(project: self.project, compiler: compiler)
    }

    /// The folder holding every key's library.
    public static func root(project: URL) -> URL { project.appendingPathComponent(".build/workspace-library") }
    public var folder: URL { Self.root(project: project).appendingPathComponent(String(key.prefix(16))) }
    var manifestURL: URL { folder.appendingPathComponent("library.json") }
    var failureURL: URL { folder.appendingPathComponent("failed.txt") }

    static func key(project: URL, compiler: SwiftCompiler) throws -> String {
        var bytes: [UInt8] = []
        func add(_ label: String, _ data: Data) {
            bytes += Array("\(label) \(data.count)\n".utf8)
            bytes += data
        }
        for folder in (modules + systemModules + cTargets).map({ "Sources/\($0)" }) {
            let files = Self.files(in: project.appendingPathComponent(folder), extensions: nil)
            guard !files.isEmpty else { throw WorkspaceLibraryError.noSources(project.appendingPathComponent(folder).path) }
            for file in files { add(String(file.path.dropFirst(project.path.count)), try Data(contentsOf: file)) }
        }
        add("Package.swift", (try? Data(contentsOf: project.appendingPathComponent("Package.swift"))) ?? Data())
        add("compiler", Data(compiler.identity.utf8))
        let recipeText = ["recipe \(recipe)"] + modules.map { "\($0) \(optimisation[$0] ?? "")" }
            + libraryFlags + ["|"] + learnerFlags + ["|"] + pkgConfigPackages + ["|"] + cFlags
        add("flags", Data(recipeText.joined(separator: " ").utf8))
        return SHA256.hex(bytes)
    }

    /// The files under `folder` (recursively, sorted) with one of `extensions` (nil: every file).
    static func files(in folder: URL, extensions: Set<String>? = ["swift"]) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            if let extensions, !extensions.contains(url.pathExtension) { continue }
            files.append(url.standardizedFileURL)
        }
        return files.sorted { $0.path < $1.path }
    }

    // MARK: Using it

    /// The manifest of this key's library when it is completely built; nil otherwise.
    public func manifest() -> WorkspaceLibraryManifest? {
        guard let data = try? Data(contentsOf: manifestURL),
              let manifest = try? JSONDecoder().decode(WorkspaceLibraryManifest.self, from: data),
              manifest.key == key else { return nil }
        return manifest
    }

    /// The clang module cache the library's build filled, shared by every workspace.
    var moduleCache: URL { folder.appendingPathComponent("ModuleCache") }

    /// `swiftc` flags compiling learner code against the library, with clang's modules in
    /// `moduleCache` (default: the library's own).
    func compileFlags(_ manifest: WorkspaceLibraryManifest, moduleCache: URL? = nil) -> [String] {
        Self.learnerFlags
            + ["-module-cache-path", (moduleCache ?? self.moduleCache).path,
               "-I", folder.appendingPathComponent("Modules").path]
            + (Self.systemModules + Self.cTargets).flatMap { ["-I", folder.appendingPathComponent($0).path] }
            + manifest.compileFlags.flatMap { ["-Xcc", $0] }
    }

    /// What an executable using the library links, after its own objects (dependents first).
    func linkInputs(_ manifest: WorkspaceLibraryManifest) -> [String] {
        Self.modules.reversed().map { folder.appendingPathComponent("lib/lib\($0).a").path }
            + Self.cTargets.map { folder.appendingPathComponent("lib/lib\($0).a").path } + manifest.linkFlags
    }

    // MARK: Building it

    /// Makes sure the library is built, building it when it is missing: waits for another
    /// process building it. A build that failed for this key (`lasting`) is not tried again
    /// unless `retry` (the project or compiler must change first; `tutor build-library` retries).
    public func prepare(retry: Bool = false, isCancelled: @escaping () -> Bool = { false }) -> WorkspaceLibraryBuild {
        if let manifest = manifest() { return WorkspaceLibraryBuild(library: self, manifest: manifest) }
        let root = Self.root(project: project)
        do { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) } catch {
            return WorkspaceLibraryBuild(library: self, problem: "cannot create \(root.path): \(error.localizedDescription)")
        }
        guard let lock = FileLock(path: root.appendingPathComponent(".lock").path) else {
            return WorkspaceLibraryBuild(library: self, problem: "cannot lock \(root.path)/.lock")
        }
        defer { lock.unlock() }
        if let manifest = manifest() { return WorkspaceLibraryBuild(library: self, manifest: manifest) }
        if !retry, let failure = try? String(contentsOf: failureURL, encoding: .utf8) {
            return WorkspaceLibraryBuild(library: self, problem: failure)
        }
        let started = Date()
        var result = build(isCancelled: isCancelled)
        result.seconds = Date().timeIntervalSince(started)
        result.built = result.manifest != nil
        if result.manifest != nil {
            removeOtherKeys()
        } else if let problem = result.problem, result.lasting {
            try? Data(problem.utf8).write(to: failureURL)
        }
        return result
    }

    private func build(isCancelled: @escaping () -> Bool) -> WorkspaceLibraryBuild {
        let fm = FileManager.default
        let limits = SandboxLimits(seconds: 900, memoryBytes: 4 << 30, outputBytes: 4 << 20)
        func failed(_ what: String, _ run: SandboxResult) -> WorkspaceLibraryBuild {
            let tail = (run.stdoutText + run.stderrText).split(separator: "\n").suffix(20).joined(separator: "\n")
            var result = WorkspaceLibraryBuild(library: self, problem: "\(what) \(run.summary)" + (tail.isEmpty ? "" : "\n" + tail))
            result.cancelled = run.outcome == .cancelled
            if case .exited = run.outcome { result.lasting = true }
            return result
        }
        do {
            try? fm.removeItem(at: folder)
            for sub in ["Modules", "lib"] {
                try fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            for name in Self.systemModules {
                try fm.copyItem(at: project.appendingPathComponent("Sources/\(name)"), to: folder.appendingPathComponent(name))
            }
            for name in Self.cTargets {
                try fm.copyItem(at: project.appendingPathComponent("Sources/\(name)/include"), to: folder.appendingPathComponent(name))
            }
        } catch {
            return WorkspaceLibraryBuild(library: self, problem: "cannot write \(folder.path): \(error.localizedDescription)")
        }
        let salt = (0..<2).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined(separator: "-")
        var manifest = WorkspaceLibraryManifest(key: key, compilerVersion: "", compileFlags: [], linkFlags: [], stampSalt: salt)
        let cflags = Sandbox.run("pkg-config", ["--cflags"] + Self.pkgConfigPackages, limits: limits)
        let libs = Sandbox.run("pkg-config", ["--libs"] + Self.pkgConfigPackages, limits: limits)
        guard cflags.succeeded, libs.succeeded else { return failed("pkg-config \(Self.pkgConfigPackages.joined(separator: " "))", cflags.succeeded ? libs : cflags) }
        manifest.compileFlags = cflags.stdoutText.split(whereSeparator: \.isWhitespace).map(String.init)
        manifest.linkFlags = libs.stdoutText.split(whereSeparator: \.isWhitespace).map(String.init)
        // The toolchain's lld links the runner in about half the time of the system's default linker.
        if compiler.hasLLD { manifest.linkFlags.insert("-use-ld=lld", at: 0) }

        for name in Self.cTargets {
            var objects: [String] = []
            for source in Self.files(in: project.appendingPathComponent("Sources/\(name)"), extensions: ["c"]) {
                let object = folder.appendingPathComponent("lib/\(name)-\(source.deletingPathExtension().lastPathComponent).o").path
                let run = Sandbox.run(compiler.clang, Self.cFlags + ["-I", folder.appendingPathComponent(name).path,
                                                                     "-c", source.path, "-o", object],
                                      directory: folder.path, limits: limits, isCancelled: isCancelled)
                guard run.succeeded else { return failed("compiling \(source.lastPathComponent)", run) }
                objects.append(object)
            }
            let archive = Sandbox.run(compiler.llvmAR, ["rcs", folder.appendingPathComponent("lib/lib\(name).a").path] + objects,
                                      directory: folder.path, limits: limits, isCancelled: isCancelled)
            guard archive.succeeded else { return failed("archiving \(name)", archive) }
        }
        let common = ["-module-cache-path", moduleCache.path,
                      "-I", folder.appendingPathComponent("Modules").path]
            + (Self.systemModules + Self.cTargets).flatMap { ["-I", folder.appendingPathComponent($0).path] }
            + manifest.compileFlags.flatMap { ["-Xcc", $0] }
        for name in Self.modules {
            let sources = Self.files(in: project.appendingPathComponent("Sources/\(name)")).map(\.path)
            let arguments = Self.libraryFlags + [Self.optimisation[name] ?? "-Onone"] + common + [
                "-module-name", name, "-emit-library", "-static", "-o", folder.appendingPathComponent("lib/lib\(name).a").path,
                "-emit-module", "-emit-module-path", folder.appendingPathComponent("Modules/\(name).swiftmodule").path,
            ] + sources
            let run = Sandbox.run(compiler.swiftc, arguments, directory: folder.path, limits: limits, isCancelled: isCancelled)
            guard run.succeeded else { return failed("compiling \(name)", run) }
        }
        let version = Sandbox.run(compiler.swiftc, ["--version"], limits: limits)
        manifest.compilerVersion = version.stdoutText.split(separator: "\n").first.map(String.init) ?? ""

        // A program importing every module, compiled and linked as learner code is: proves the
        // library links, and fills the module cache the learner's first check then finds.
        let probe = folder.appendingPathComponent("probe")
        defer { try? fm.removeItem(at: probe) }
        do {
            try fm.createDirectory(at: probe, withIntermediateDirectories: true)
            let imports = (["Foundation"] + Self.modules).map { "import \($0)\n" }.joined()
            try Data((imports + "print(\"ok\")\n").utf8).write(to: probe.appendingPathComponent("main.swift"))
        } catch {
            return WorkspaceLibraryBuild(library: self, problem: "cannot write \(probe.path): \(error.localizedDescription)")
        }
        let link = Sandbox.run(compiler.swiftc, compileFlags(manifest) + [probe.appendingPathComponent("main.swift").path, "-o",
                                                                          probe.appendingPathComponent("probe").path] + linkInputs(manifest),
                               directory: probe.path, limits: limits, isCancelled: isCancelled)
        guard link.succeeded else { return failed("linking a program against the library", link) }

        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(manifest), to: manifestURL.path)
        } catch {
            return WorkspaceLibraryBuild(library: self, problem: "cannot write \(manifestURL.path): \(error)")
        }
        return WorkspaceLibraryBuild(library: self, manifest: manifest)
    }

    /// Libraries of other keys: other sources or another compiler, never used again.
    private func removeOtherKeys() {
        let root = Self.root(project: project)
        let mine = folder.lastPathComponent
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] where entry != mine && !entry.hasPrefix(".") {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(entry))
        }
    }
}

/// What `library.json` holds: the key it was built for and the flags its users need.
public struct WorkspaceLibraryManifest: Codable, Sendable, Equatable {
    public var key: String
    /// `swiftc --version`'s first line, for people.
    public var compilerVersion: String
    /// pkg-config's `--cflags` of the system libraries (passed to clang with `-Xcc`).
    public var compileFlags: [String]
    /// pkg-config's `--libs`, given when linking.
    public var linkFlags: [String]
    /// Random, made with the library: part of every stamp saying a workspace's build is up to
    /// date, so a workspace that arrives with its `.build` (a submission to grade) cannot carry
    /// a stamp that passes off its own runner as built from its sources.
    public var stampSalt: String
}

/// How `WorkspaceLibrary.prepare` went.
public struct WorkspaceLibraryBuild: Sendable {
    public var library: WorkspaceLibrary
    /// Set when the library is ready.
    public var manifest: WorkspaceLibraryManifest?
    /// Why it is not, when it is not.
    public var problem: String?
    /// Whether this call built it (false: it was there).
    public var built = false
    public var cancelled = false
    /// The failure would come again from the same sources and compiler (a tool said no, rather
    /// than a limit, a cancel or a file that could not be written), so it is remembered.
    public var lasting = false
    public var seconds: Double = 0

    init(library: WorkspaceLibrary, manifest: WorkspaceLibraryManifest) {
        self.library = library
        self.manifest = manifest
    }

    init(library: WorkspaceLibrary, problem: String) {
        self.library = library
        self.problem = problem
    }
}

public enum WorkspaceLibraryError: Error, Equatable, CustomStringConvertible {
    case noSources(String)

    public var description: String {
        switch self {
        case let .noSources(path): return "no library sources in \(path): is the tutor's project complete?"
        }
    }
}
