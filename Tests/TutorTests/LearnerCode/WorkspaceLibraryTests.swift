import Foundation
import Testing
@testable import LearnerCode
@testable import Lessons

/// The prebuilt library and the compile against it, on a small stand-in project with the
/// real one's layout (D2L, RunnerWire, the module maps), so each library builds in seconds.
@Suite(.serialized) struct WorkspaceLibraryTests {
    /// A project whose D2L has one public and one `package` function, and a workspace using it
    /// whose runner prints what the learner's `mine()` returns.
    struct StandIn {
        let project: URL
        let workspace: Workspace
        let compiler: SwiftCompiler

        init() throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("ws-library-\(UUID().uuidString)")
            project = base.appendingPathComponent("project")
            let real = SharedTestWorkspace.shared.projectRoot
            let fm = FileManager.default
            for folder in ["Sources/D2L", "Sources/RunnerWire"] {
                try fm.createDirectory(at: project.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            for name in WorkspaceLibrary.systemModules + WorkspaceLibrary.cTargets {
                try fm.copyItem(at: real.appendingPathComponent("Sources/\(name)"), to: project.appendingPathComponent("Sources/\(name)"))
            }
            try #"let package = "mlp-tutor""#.write(to: project.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
            compiler = try #require(SwiftCompiler.find())
            (workspace, _) = try Workspace.create(at: base.appendingPathComponent("ws"), projectPath: project.path)
            for file in WorkspaceLibrary.files(in: workspace.root.appendingPathComponent("Sources/Exercises")) {
                try fm.removeItem(at: file)
            }
            try setLibrary(answer: "1")
            try write("RunnerWire/Wire.swift", in: project, "import D2L\npublic func wire() -> Int { answer() * 100 }\n")
            try write("runner/main.swift", in: workspace.root, "import D2L\nimport Exercises\nimport RunnerWire\nprint(mine(), wire())\n")
            try setExercise("public func mine() -> Int { answer() + 10 }")
        }

        func setLibrary(answer: String) throws {
            try write("D2L/Answer.swift", in: project,
                      "public func answer() -> Int { \(answer) }\npackage func secret() -> Int { 7 }\n")
        }

        func setExercise(_ code: String) throws {
            try write("Exercises/Mine.swift", in: workspace.root, "import D2L\n" + code + "\n")
        }

        private func write(_ path: String, in root: URL, _ text: String) throws {
            try text.write(to: root.appendingPathComponent("Sources/" + path), atomically: true, encoding: .utf8)
        }

        func library(identity: String? = nil) throws -> WorkspaceLibrary {
            try WorkspaceLibrary(project: project, compiler: SwiftCompiler(swiftc: compiler.swiftc, identity: identity ?? compiler.identity))
        }

        /// Builds the workspace and runs its runner: its output, or the build's report.
        func buildAndRun() -> (build: WorkspaceBuildResult, output: String) {
            let build = workspace.build(compiler: compiler)
            guard build.succeeded else { return (build, build.report) }
            let run = Sandbox.run(workspace.runnerURL.path, limits: SandboxLimits(seconds: 60))
            return (build, run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        func remove() { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
    }

    @Test func theKeyFollowsTheSourcesAndTheCompiler() throws {
        let s = try StandIn()
        defer { s.remove() }
        let first = try s.library()
        #expect(try s.library().key == first.key)
        #expect(try s.library(identity: s.compiler.identity + " (another build)").key != first.key)
        try s.setLibrary(answer: "2")
        #expect(try s.library().key != first.key)
        try s.setLibrary(answer: "1")
        #expect(try s.library().key == first.key)
        try "// a new comment\n".write(to: s.project.appendingPathComponent("Sources/COpenBLAS/extra.h"), atomically: true, encoding: .utf8)
        #expect(try s.library().key != first.key)
        try FileManager.default.removeItem(at: s.project.appendingPathComponent("Sources/RunnerWire"))
        #expect(throws: WorkspaceLibraryError.self) { try s.library() }
    }

    @Test func changedLibrarySourcesAreRebuiltNeverLinkedStale() throws {
        let s = try StandIn()
        defer { s.remove() }
        let (build, output) = s.buildAndRun()
        #expect(build.succeeded && output == "11 100", "\(output)")
        let old = try s.library()
        #expect(old.manifest() != nil)

        try s.setLibrary(answer: "2")   // a `git pull` changed the library
        let new = try s.library()
        #expect(new.manifest() == nil)
        let (_, rebuilt) = s.buildAndRun()
        #expect(rebuilt == "12 200")
        #expect(new.manifest() != nil)
        #expect(!FileManager.default.fileExists(atPath: old.folder.path))
    }

    @Test func aLibraryOfAnotherCompilerIsNotUsed() throws {
        let s = try StandIn()
        defer { s.remove() }
        let built = try s.library().prepare()
        #expect(built.manifest != nil && built.built)
        #expect(try s.library().prepare().built == false)
        let other = try s.library(identity: s.compiler.identity + " (another build)")
        #expect(other.manifest() == nil)
        let rebuilt = other.prepare()
        #expect(rebuilt.built && rebuilt.manifest?.key == other.key)
    }

    @Test func anEditIsCompiledAndAnUnchangedWorkspaceIsNot() throws {
        let s = try StandIn()
        defer { s.remove() }
        #expect(s.buildAndRun().output == "11 100")
        let again = s.buildAndRun()
        #expect(again.build.succeeded && again.build.run.seconds == 0 && again.output == "11 100")

        try s.setExercise("public func mine() -> Int { answer() + 20 }")
        #expect(s.buildAndRun().output == "21 100")
        // A changed interface compiles the runner again: here it no longer fits.
        try s.setExercise("public func mine(_ x: Int) -> Int { x }")
        let broken = s.buildAndRun().build
        #expect(!broken.succeeded)
        #expect(broken.diagnostics.first?.file == "Sources/runner/main.swift", "\(broken.report)")
        try s.setExercise("public func mine() -> Int { answer() + 30 }")
        #expect(s.buildAndRun().output == "31 100")
    }

    @Test func aRunnerThatCameWithTheWorkspaceIsNotTakenForBuilt() throws {
        let s = try StandIn()
        defer { s.remove() }
        #expect(s.buildAndRun().output == "11 100")
        // What a submitted workspace could carry: its own runner, and a stamp over its sources
        // made from everything but the library's salt.
        let out = s.workspace.tutorBuildFolder
        try "#!/bin/sh\necho forged\n".write(to: s.workspace.runnerURL, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: s.workspace.runnerURL.path)
        let library = try s.library()
        let manifest = try #require(library.manifest())
        let sources = ["Sources/Exercises", "Sources/runner"].flatMap { WorkspaceLibrary.files(in: s.workspace.root.appendingPathComponent($0)) }
        try Workspace.digest([library.key] + library.compileFlags(manifest), files: sources)
            .write(to: out.appendingPathComponent("inputs.sha256"), atomically: true, encoding: .utf8)
        #expect(s.buildAndRun().output == "11 100")
    }

    @Test func packageDeclarationsOfTheLibraryAreOutOfTheLearnersReach() throws {
        let s = try StandIn()
        defer { s.remove() }
        try s.setExercise("public func mine() -> Int { secret() }")
        let build = s.buildAndRun().build
        #expect(!build.succeeded)
        let error = try #require(build.diagnostics.first)
        #expect(error.file == "Sources/Exercises/Mine.swift" && error.line == 2, "\(build.report)")
        #expect(error.message.contains("secret"))
    }

    @Test func aLibraryThatDoesNotCompileIsReportedAndTriedAgainOnlyWhenAsked() throws {
        let s = try StandIn()
        defer { s.remove() }
        try s.setLibrary(answer: "undefinedName")
        let library = try s.library()
        let failed = library.prepare()
        #expect(failed.manifest == nil && failed.seconds > 0)
        #expect(failed.problem?.contains("compiling D2L") == true)
        #expect(failed.problem?.contains("undefinedName") == true, "\(failed.problem ?? "")")
        let remembered = library.prepare()
        #expect(remembered.problem == failed.problem && remembered.seconds == 0)
        let retried = library.prepare(retry: true)
        #expect(retried.problem != nil && retried.seconds > 0)
        try s.setLibrary(answer: "3")
        #expect(try s.library().prepare().manifest != nil)
    }
}
