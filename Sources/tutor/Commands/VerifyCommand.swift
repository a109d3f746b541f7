import ArgumentParser
import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// `tutor verify --solutions DIR | --blank`: for lesson authors and CI, checks every code
/// checkpoint of the course in a scratch workspace (never the learner's).
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every code checkpoint against reference solutions (--solutions DIR) or the untouched stubs (--blank).")

    @Option(help: "A folder with reference solutions: Relu.swift, Net.swift, Loss.swift, SGD.swift, Train.swift.")
    var solutions: String?

    @Flag(help: "Check that every code checkpoint fails on the untouched stubs.")
    var blank = false

    @OptionGroup var options: CourseOptions

    @Option(help: "The tutor's project folder (default: found from the tutor's own location, or $TUTOR_PROJECT).")
    var project: String?

    @Option(help: "The scratch workspace to use (default: .build/tutor-verify-workspace in the project; reused, so rebuilds are quick).")
    var scratch: String?

    func validate() throws {
        if (solutions == nil) == !blank { throw ValidationError("give exactly one of --solutions DIR or --blank") }
    }

    func run() throws {
        let course: Course
        let projectPath: String
        var files: [String: String] = [:]
        do {
            course = try Course.load(directory: options.lessonsDirectory)
            projectPath = try ProjectLocator.find(explicit: project)
            if let solutions { files = try CodeVerifier.solutionFiles(in: solutions) }
        } catch {
            TutorFailure("error: \(error)", code: 2).exit()
        }
        let specs = course.languages.flatMap { lang in
            course.lessons(in: lang).flatMap(\.checkpoints).filter { $0.code != nil }.map { (language: lang, spec: $0) }
        }
        guard !specs.isEmpty else {
            print("no code checkpoints (expect: code) in \(course.directory)")
            return
        }
        let root = URL(fileURLWithPath: scratch ?? projectPath + "/.build/tutor-verify-workspace")
        let workspace: Workspace
        do {
            (workspace, _) = try Workspace.create(at: root, projectPath: projectPath, force: true)
            try CodeVerifier.install(files, in: workspace, projectPath: projectPath)
        } catch {
            TutorFailure("error: \(error)", code: 2).exit()
        }
        let mode: CodeVerifier.Mode = solutions.map { .solutions($0) } ?? .blank
        print("verifying \(specs.count) code checkpoints \(blank ? "fail on the stubs" : "pass with \(solutions!)") (workspace \(root.path))")
        let rows = CodeVerifier.verify(specs, mode: mode, workspace: workspace) { row in
            let mark = row.asExpected ? "✔" : "✘"
            print("\(mark) \(row.language)/\(row.id)  \(row.passed ? "passes" : "fails")  \(String(format: "%.1f", row.seconds)) s  \(row.message)")
        }
        let bad = rows.filter { !$0.asExpected }.count
        print(bad == 0 ? "all \(rows.count) as expected" : "\(bad) of \(rows.count) not as expected")
        if bad > 0 { throw ExitCode(1) }
    }
}
