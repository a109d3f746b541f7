import D2L
import Foundation
import Judging
import Lessons

/// For lesson authors and CI: every code checkpoint passes with a reference solution, and
/// fails on the untouched stubs (so no checkpoint can be passed by doing nothing).
public enum CodeVerifier {
    /// One checkpoint's result.
    public struct Row: Sendable {
        public var id: String
        public var language: String
        public var passed: Bool
        /// Whether the result is what the mode expects (pass with solutions, fail on stubs).
        public var asExpected: Bool
        public var message: String
        public var seconds: Double
    }

    public enum Mode: Sendable { case solutions(String), blank }

    /// The exercise files of a solution folder: `Relu.swift`, `Net.swift`, … found in `directory`
    /// (missing ones stay stubs). Throws when the folder has none.
    public static func solutionFiles(in directory: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for path in Exercise.allCases.map(\.file) {
            let name = (path as NSString).lastPathComponent
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if let text = try? RegularFile.text(url.path) { files[path] = text }
        }
        guard !files.isEmpty else {
            throw WorkspaceError.notAWorkspace(directory + " (no Relu.swift, Net.swift, Loss.swift, SGD.swift or Train.swift in it)")
        }
        return files
    }

    /// Writes the stubs, overridden by `files` (workspace-relative path → text), into `workspace`.
    public static func install(_ files: [String: String], in workspace: Workspace, projectPath: String) throws {
        let templates = Workspace.templateFiles(projectPath: projectPath)
        for path in Exercise.allCases.map(\.file) {
            let text = files[path] ?? templates[path]!
            let url = workspace.root.appendingPathComponent(path)
            if (try? RegularFile.text(url.path)) != text {
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }
    }

    /// Checks every spec in `workspace` (which already holds the files to verify).
    public static func verify(_ specs: [(language: String, spec: CheckpointSpec)], mode: Mode, workspace: Workspace,
                              judge: Judge = Judge(), onRow: (Row) -> Void = { _ in }) -> [Row] {
        let codeChecker = CodeChecker(workspace: workspace, judge: judge)
        var rows: [Row] = []
        for (language, spec) in specs {
            let start = Date()
            var row = Row(id: spec.id, language: language, passed: false, asExpected: false, message: "", seconds: 0)
            do {
                let report = try codeChecker.check(spec)
                row.passed = report.passed
                row.message = ([report.verdict.message] + report.verdict.details).prefix(3).map { $0.text(.en) }.joined(separator: " | ")
            } catch {
                row.message = "broken checkpoint: \(error)"
            }
            if case .solutions = mode { row.asExpected = row.passed } else { row.asExpected = !row.passed && !row.message.hasPrefix("broken") }
            row.seconds = Date().timeIntervalSince(start)
            rows.append(row)
            onRow(row)
        }
        return rows
    }
}
