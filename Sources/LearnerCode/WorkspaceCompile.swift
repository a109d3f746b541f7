import Foundation
import Lessons

/// Compiling a workspace with `swiftc` against the prebuilt `WorkspaceLibrary`, into
/// `.build/tutor/` (the folders of the workspace's own `swift build` stay the editor's):
/// the exercises as module `Exercises`, the runner, then the link. Nothing is done when no
/// source changed since the last build (by content, not by date, under a stamp salted by the
/// library so that no stamp can come with the workspace); the runner's object is kept
/// while the exercises' interface and the runner's source are unchanged, so an edit inside a
/// function costs one compiler run (the learner's module, linked with it).
extension Workspace {
    /// The tutor's own build of the workspace.
    var tutorBuildFolder: URL { root.appendingPathComponent(".build/tutor") }

    /// Limits of a compile against the prebuilt library (the library itself has its own).
    static let compileLimits = SandboxLimits(seconds: 300, memoryBytes: 4 << 30, outputBytes: 4 << 20)

    func compile(against library: WorkspaceLibrary, manifest: WorkspaceLibraryManifest, limits: SandboxLimits,
                 isCancelled: @escaping () -> Bool) -> WorkspaceBuildResult {
        let fm = FileManager.default
        let out = tutorBuildFolder
        func path(_ name: String) -> String { out.appendingPathComponent(name).path }
        var spent = 0.0
        func finished(_ run: SandboxResult) -> WorkspaceBuildResult {
            var run = run
            run.seconds = spent
            let diagnostics = run.succeeded ? [] : CompilerOutput.diagnostics(in: run.stdoutText + "\n" + run.stderrText, root: root)
            return WorkspaceBuildResult(run: run, diagnostics: diagnostics)
        }
        func swiftc(_ arguments: [String]) -> SandboxResult {
            // Run from the build folder: debug info names a source relative to the compiler's
            // folder when it is inside it, and crash reports must name the learner's file in full.
            let run = Sandbox.run(library.compiler.swiftc, arguments, directory: out.path, limits: limits, isCancelled: isCancelled)
            spent += run.seconds
            return run
        }
        do { try fm.createDirectory(at: out.appendingPathComponent("Modules"), withIntermediateDirectories: true) } catch {
            return finished(SandboxResult(outcome: .launchFailed("cannot create \(out.path): \(error.localizedDescription)"),
                                          stdout: Data(), stderr: Data(), seconds: 0, limits: limits))
        }
        // Another tutor (a `watch` beside a `check`) builds into the same files: one at a time.
        let lock = FileLock(path: path(".lock"))
        defer { lock?.unlock() }

        // A library built by another user (a container's image) is only read: clang's modules
        // then go in the workspace's own cache.
        let writable = access(library.moduleCache.path, W_OK) == 0
        let flags = library.compileFlags(manifest, moduleCache: writable ? nil : out.appendingPathComponent("ModuleCache"))
        let exercises = WorkspaceLibrary.files(in: root.appendingPathComponent("Sources/Exercises"))
        let runnerSources = WorkspaceLibrary.files(in: root.appendingPathComponent("Sources/runner"))
        let inputs = Self.digest([library.key, manifest.stampSalt] + flags, files: exercises + runnerSources)
        if (try? String(contentsOfFile: path("inputs.sha256"), encoding: .utf8)) == inputs, fm.isExecutableFile(atPath: path("runner")) {
            return finished(SandboxResult(outcome: .exited(0), stdout: Data(), stderr: Data(), seconds: 0, limits: limits))
        }
        unlink(path("inputs.sha256"))

        let exercisesModule = ["-module-name", "Exercises", "-parse-as-library", "-wmo", "-no-emit-module-separately-wmo",
                               "-emit-module", "-emit-module-path", path("Modules/Exercises.swiftmodule")] + exercises.map(\.path)
        func runnerKey() -> String {
            let interface = (try? Data(contentsOf: out.appendingPathComponent("Modules/Exercises.swiftmodule"))) ?? Data()
            return Self.digest([library.key, manifest.stampSalt, SHA256.hex(interface)] + flags, files: runnerSources)
        }
        func runnerIsCurrent() -> Bool {
            fm.fileExists(atPath: path("runner.o")) && (try? String(contentsOfFile: path("runner.o.sha256"), encoding: .utf8)) == runnerKey()
        }
        // Linked beside the runner and renamed over it: a runner still running is never rewritten.
        let linked = path("runner.linking-\(getpid())")
        defer { unlink(linked) }
        func installed(_ run: SandboxResult) -> WorkspaceBuildResult {
            guard rename(linked, path("runner")) == 0 else {
                return finished(SandboxResult(outcome: .launchFailed("cannot replace \(path("runner")): \(String(cString: strerror(errno)))"),
                                              stdout: Data(), stderr: Data(), seconds: 0, limits: limits))
            }
            try? Data(inputs.utf8).write(to: out.appendingPathComponent("inputs.sha256"))
            return finished(run)
        }

        // An edit inside a function: one compiler run compiles the exercises and links them with
        // the runner's object, which stays right while the exercises' interface is unchanged.
        if runnerIsCurrent() {
            let quick = swiftc(flags + exercisesModule + [path("runner.o")] + library.linkInputs(manifest) + ["-emit-executable", "-o", linked])
            // A failed compile writes no module: its errors are the learner's. A new interface
            // (a changed signature) needs the runner compiled again, below.
            if runnerIsCurrent() { return quick.succeeded ? installed(quick) : finished(quick) }
        }

        let module = swiftc(flags + exercisesModule + ["-c", "-o", path("Exercises.o")])
        guard module.succeeded else { return finished(module) }
        if !runnerIsCurrent() {
            unlink(path("runner.o.sha256"))
            let runner = swiftc(flags + ["-module-name", "runner", "-wmo", "-I", path("Modules"), "-c", "-o", path("runner.o")]
                                + runnerSources.map(\.path))
            guard runner.succeeded else { return finished(runner) }
            try? Data(runnerKey().utf8).write(to: out.appendingPathComponent("runner.o.sha256"))
        }
        let link = swiftc(["-emit-executable", "-o", linked, path("runner.o"), path("Exercises.o")] + library.linkInputs(manifest))
        return link.succeeded ? installed(link) : finished(link)
    }

    /// SHA-256 of `values` and of each file's path and contents.
    static func digest(_ values: [String], files: [URL]) -> String {
        var bytes = Array(values.joined(separator: "\n").utf8)
        for file in files {
            let data = (try? Data(contentsOf: file)) ?? Data()
            bytes += Array("\n\(file.path) \(data.count)\n".utf8)
            bytes += data
        }
        return SHA256.hex(bytes)
    }
}
