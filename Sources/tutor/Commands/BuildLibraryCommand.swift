import ArgumentParser
import Foundation
import LearnerCode

/// `tutor build-library`: builds the library that exercise workspaces compile against
/// (`WorkspaceLibrary`), so the first check after `tutor init` is quick. `make tutor` runs it;
/// a check builds the library itself when it is missing or stale.
struct BuildLibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-library",
        abstract: "Build the library exercise workspaces compile against (make tutor runs this; checks build it when missing).")

    @Option(help: "The tutor's project folder (default: found from the tutor's own location, or $TUTOR_PROJECT).")
    var project: String?

    func run() throws {
        let library: WorkspaceLibrary
        do {
            let projectPath = try ProjectLocator.find(explicit: project)
            guard let compiler = SwiftCompiler.find() else {
                throw ValidationError("no swiftc in PATH: install Swift (see README) or add its bin folder to PATH")
            }
            library = try WorkspaceLibrary(project: URL(fileURLWithPath: projectPath), compiler: compiler)
        } catch let error as ValidationError {
            throw error
        } catch {
            TutorFailure("error: \(error)", code: 2).exit()
        }
        if library.manifest() == nil { print("Building the library for exercise workspaces in \(library.folder.path)…") }
        let result = library.prepare(retry: true)
        if let problem = result.problem { TutorFailure("error: the library for exercise workspaces did not build: \(problem)").exit() }
        print(result.built ? "Library for exercise workspaces built in \(String(format: "%.0f", result.seconds)) s: \(library.folder.path)"
                           : "Library for exercise workspaces is up to date: \(library.folder.path)")
    }
}
