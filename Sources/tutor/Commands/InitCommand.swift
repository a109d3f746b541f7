import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor init [DIR]`: makes the exercise workspace where the learner writes relu, net, loss,
/// sgd and train themselves, and has the course remember it for this learner
/// (`ProgressLocation.workspaceFile`), so the prompt, `check` and `watch` find it from anywhere.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an exercise workspace: a Swift package where you write relu, net, loss, sgd and train.")

    @Argument(help: "Where to create it.")
    var directory: String = Workspace.defaultName

    @Option(help: "The tutor's project folder (default: found from the tutor's own location, or $TUTOR_PROJECT).")
    var project: String?

    @Flag(help: "Rewrite the tutor's own files (Package.swift, the runner); your exercise files are always kept.")
    var force = false

    @Flag(help: "Build the workspace once now, so the first check is quick.")
    var build = false

    @OptionGroup var course: CourseOptions
    @OptionGroup var state: StateOptions

    func run() throws {
        let projectPath: String
        do { projectPath = try ProjectLocator.find(explicit: project) }
        catch { throw ValidationError("\(error)") }
        let root = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let (workspace, written) = try createWorkspace(root, projectPath)
        print(written.isEmpty ? "Workspace \(workspace.root.path) is up to date (nothing written)."
                              : "Created \(written.count) files in \(workspace.root.path) (library: \(projectPath)).")
        print("Write your functions in \(workspace.root.path)/Sources/Exercises/, then: tutor check relu-code --workspace \(directory)")
        print("在 Sources/Exercises/ 中实现这些函数，然后运行：tutor check relu-code --workspace \(directory)")
        remember(workspace)
        if build {
            print("Building (when the library for workspaces is missing it is built first, about a minute)…")
            let result = workspace.build()
            if result.succeeded { print("Build complete (\(String(format: "%.0f", result.run.seconds)) s).") }
            else { print(result.report); throw ExitCode(1) }
        }
    }

    /// Remembers the workspace for this learner in the course; without a course (no lessons
    /// found) there is nothing to remember it for, and `--workspace` still works.
    private func remember(_ workspace: Workspace) {
        let language = course.language
        guard let loaded = try? Course.load(directory: course.lessonsDirectory) else { return }
        let location = state.location(course: loaded)
        do {
            try location.rememberWorkspace(workspace.root.path)
            print(TutorText.workspaceRemembered.text(language, loaded.name))
        } catch {
            printError(TutorText.stateWriteFailed.text(language, location.workspaceFile, "\(error)"))
        }
    }

    private func createWorkspace(_ root: URL, _ projectPath: String) throws -> (Workspace, [String]) {
        do { return try Workspace.create(at: root, projectPath: projectPath, force: force) }
        catch let error as WorkspaceError { throw ValidationError(error.description) }
    }
}
