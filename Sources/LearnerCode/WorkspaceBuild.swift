import Foundation
import Judging
import Lessons

/// One compiler message, made readable: a path relative to the workspace, line, message.
public struct CompilerDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var severity: String
    public var message: String
    /// The offending source line, when the compiler printed it.
    public var sourceLine: String?

    public var description: String { "\(file):\(line):\(column): \(severity): \(message)" }
}

/// How building the workspace went.
public struct WorkspaceBuildResult: Sendable {
    public var run: SandboxResult
    /// Errors first, at most a handful, deduplicated; empty when the build succeeded.
    public var diagnostics: [CompilerDiagnostic]
    /// Why the prebuilt library could not be used, when the build fell back to `swift build`.
    public var libraryProblem: String?

    public var succeeded: Bool { run.succeeded }

    public init(run: SandboxResult, diagnostics: [CompilerDiagnostic], libraryProblem: String? = nil) {
        self.run = run
        self.diagnostics = diagnostics
        self.libraryProblem = libraryProblem
    }

    /// What to show a learner when the build failed: the diagnostics, or how the build
    /// ended with the tail of its output when there were none to parse.
    public var report: String {
        if succeeded { return "" }
        if !diagnostics.isEmpty {
            return diagnostics.map { d in
                d.sourceLine.map { "\(d)\n    \($0.trimmingCharacters(in: .whitespaces))" } ?? d.description
            }.joined(separator: "\n")
        }
        let tail = (run.stdoutText + run.stderrText).split(separator: "\n").suffix(12).joined(separator: "\n")
        return "the build \(run.summary)" + (tail.isEmpty ? "" : "\n" + tail)
    }
}

extension Workspace {
    /// Limits for `swift build`: generous the first time (the library compiles once), then short.
    public func buildLimits() -> SandboxLimits {
        let firstBuild = !FileManager.default.fileExists(atPath: root.appendingPathComponent(".build/debug").path)
        // 4 GB of address space per process is plenty for swiftc on a package this size (a
        // full build was measured under it) and stops a runaway macro or type-checker blow-up.
        return SandboxLimits(seconds: firstBuild ? 900 : 300, memoryBytes: 4 << 30, outputBytes: 4 << 20)
    }

    /// Builds the runner (debug) into `runnerURL`: with `swiftc` against the prebuilt library
    /// (`WorkspaceLibrary`, built first when missing), time-limited, in a child process group.
    /// Only when that library cannot be built here does it fall back to `swift build`.
    public func build(limits: SandboxLimits? = nil, compiler: SwiftCompiler? = SwiftCompiler.find(),
                      isCancelled: @escaping () -> Bool = { false }) -> WorkspaceBuildResult {
        var libraryProblem: String?
        if let compiler, let project = try? buildProject() {
            do {
                let library = try WorkspaceLibrary(project: URL(fileURLWithPath: project), compiler: compiler)
                let prepared = library.prepare(isCancelled: isCancelled)
                if let manifest = prepared.manifest {
                    return compile(against: library, manifest: manifest, limits: limits ?? Self.compileLimits, isCancelled: isCancelled)
                }
                if prepared.cancelled {
                    return WorkspaceBuildResult(run: SandboxResult(outcome: .cancelled, stdout: Data(), stderr: Data(), seconds: 0,
                                                                   limits: limits ?? Self.compileLimits), diagnostics: [])
                }
                libraryProblem = prepared.problem
            } catch {
                libraryProblem = "\(error)"
            }
        }
        var result = packageBuild(limits: limits, isCancelled: isCancelled)
        result.libraryProblem = libraryProblem
        return result
    }

    /// `swift build` of the runner, copied to `runnerURL`.
    func packageBuild(limits: SandboxLimits?, isCancelled: @escaping () -> Bool) -> WorkspaceBuildResult {
        let run = Sandbox.run("swift", ["build", "--product", "runner"], directory: root.path,
                              limits: limits ?? buildLimits(), isCancelled: isCancelled)
        let diagnostics = run.succeeded ? [] : CompilerOutput.diagnostics(in: run.stdoutText + "\n" + run.stderrText, root: root)
        var result = WorkspaceBuildResult(run: run, diagnostics: diagnostics)
        guard run.succeeded else { return result }
        let fm = FileManager.default
        let copy = tutorBuildFolder.appendingPathComponent("runner.copying-\(getpid())")
        do {
            try fm.createDirectory(at: tutorBuildFolder, withIntermediateDirectories: true)
            unlink(tutorBuildFolder.appendingPathComponent("inputs.sha256").path)
            try? fm.removeItem(at: copy)
            try fm.copyItem(at: root.appendingPathComponent(".build/debug/runner"), to: copy)
            guard rename(copy.path, runnerURL.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? fm.removeItem(at: copy)
            result.run.outcome = .launchFailed("cannot copy the runner to \(runnerURL.path): \(error.localizedDescription)")
        }
        return result
    }
}

/// Parses the compiler's `path:line:col: error: message` lines.
public enum CompilerOutput {
    /// The diagnostics of `output`, errors before warnings, deduplicated, at most `limit`.
    public static func diagnostics(in output: String, root: URL, limit: Int = 8) -> [CompilerDiagnostic] {
        var found: [CompilerDiagnostic] = []
        var seen = Set<String>()
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let prefix = root.standardizedFileURL.path + "/"
        for (i, line) in lines.enumerated() {
            guard let d = parse(line) else { continue }
            var diag = d
            if diag.file.hasPrefix(prefix) { diag.file = String(diag.file.dropFirst(prefix.count)) }
            diag.sourceLine = sourceLine(after: i, in: lines, line: diag.line)
            if seen.insert(diag.description).inserted { found.append(diag) }
        }
        let ordered = found.filter { $0.severity == "error" } + found.filter { $0.severity != "error" && $0.severity != "note" }
        return Array(ordered.prefix(limit))
    }

    /// `file:line:col: severity: message`, or nil.
    static func parse(_ line: String) -> CompilerDiagnostic? {
        for severity in ["error", "warning", "note"] {
            guard let r = line.range(of: ": \(severity): ") else { continue }
            let location = line[..<r.lowerBound].split(separator: ":")
            guard location.count >= 3, let col = Int(location[location.count - 1]),
                  let ln = Int(location[location.count - 2]) else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            return CompilerDiagnostic(file: file, line: ln, column: col, severity: severity,
                                      message: String(line[r.upperBound...]), sourceLine: nil)
        }
        return nil
    }

    /// Swift 6 prints the source under a diagnostic as ` 9 |     code`; pick the faulty line.
    static func sourceLine(after index: Int, in lines: [String], line: Int) -> String? {
        for candidate in lines.dropFirst(index + 1).prefix(8) {
            let parts = candidate.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, Int(parts[0].trimmingCharacters(in: .whitespaces)) == line else { continue }
            return String(parts[1])
        }
        return nil
    }
}
