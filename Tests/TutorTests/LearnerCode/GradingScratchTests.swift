#if os(Linux)
import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons

/// A submitted workspace is graded from a copy of its sources in a folder of the grader's.
@Suite(.serialized) struct GradingScratchTests {
    let shared = SharedTestWorkspace.shared

    /// A workspace in `dir/ws` made for another project, with `relu` written as `fixture`.
    func submittedWorkspace(in dir: URL, relu fixture: String) throws -> URL {
        let ws = dir.appendingPathComponent("ws")
        _ = try Workspace.create(at: ws, projectPath: "/elsewhere/mlp-tutor")
        let relu = try String(contentsOf: shared.fixtures.appendingPathComponent(fixture), encoding: .utf8)
        try relu.write(to: ws.appendingPathComponent(Exercise.relu.file), atomically: true, encoding: .utf8)
        return ws
    }

    /// Every file under `folder` with its bytes (links as their targets), hidden ones included.
    func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            let path = folder.appendingPathComponent(relative).path
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                files[relative] = Data(("-> " + target).utf8)
            } else if let data = FileManager.default.contents(atPath: path) {
                files[relative] = data
            }
        }
        return files
    }

    @Test func aSubmittedWorkspaceIsBuiltFromItsSourcesNeverFromItsBuildFolder() throws {
        try withTemporaryDirectory("graded-workspace") { dir in
            let ws = try submittedWorkspace(in: dir, relu: "solution/Relu.swift")
            // Planted: a `.build` that is no folder (a build in place fails on it), and a
            // manifest of the submitter's (a check in place rewrites it).
            try Data("a prebuilt runner".utf8).write(to: ws.appendingPathComponent(".build"))
            try Data("// swift-tools-version:6.0\nfatalError(\"the submitter's manifest ran\")\n".utf8)
                .write(to: ws.appendingPathComponent("Package.swift"))
            let before = snapshot(ws)
            try shared.with { scratch in
                let code = LearnerCodeJudge(scratch: .success(GradingScratch(folder: scratch.root, project: shared.projectRoot.path)))
                let verdict = try code.verdict(for: try CodeCheckpointFixtures.spec("relu-code"), answer: ws.path,
                                               judge: Judge(environment: CallEnvironment(cache: nil)), progress: nil)
                #expect(verdict.outcome == .correct, "\(verdict.message.en) \(verdict.details.map(\.en))")
                #expect(try String(contentsOf: scratch.exerciseFile(for: .relu), encoding: .utf8)
                        == String(contentsOf: ws.appendingPathComponent(Exercise.relu.file), encoding: .utf8))
            }
            #expect(snapshot(ws) == before, "grading changed the submitted workspace")
        }
    }

    @Test func theCopyHoldsTheSubmittedSourcesAndTheTutorsOwnFilesOnly() throws {
        try withTemporaryDirectory("graded-copy") { dir in
            let ws = try submittedWorkspace(in: dir, relu: "wrong/ReluKeepsNegatives.swift")
            let exercises = ws.appendingPathComponent("Sources/Exercises")
            try FileManager.default.createDirectory(at: exercises.appendingPathComponent("More"), withIntermediateDirectories: true)
            try "let helper = 1\n".write(to: exercises.appendingPathComponent("More/Helper.swift"), atomically: true, encoding: .utf8)
            try "changed by the learner\n".write(to: exercises.appendingPathComponent("TODO.swift"), atomically: true, encoding: .utf8)
            try "not code\n".write(to: exercises.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
            let project = "/the/graders/project"
            let scratch = GradingScratch(folder: dir.appendingPathComponent("scratch"), project: project)
            // A file left by the submission graded before is gone.
            _ = try Workspace.create(at: scratch.folder, projectPath: project)
            try "let left = 0\n".write(to: scratch.folder.appendingPathComponent("Sources/Exercises/Left.swift"),
                                       atomically: true, encoding: .utf8)

            let copy = try scratch.copy(of: ws)
            let templates = Workspace.templateFiles(projectPath: project)
            let copied = GradingScratch.files(in: copy.root.appendingPathComponent("Sources/Exercises"))
            #expect(copied == ["Gradients.swift", "Loss.swift", "More/Helper.swift", "Net.swift", "Relu.swift", "SGD.swift",
                               "TODO.swift", "Train.swift"])
            func text(_ path: String) throws -> String { try String(contentsOf: copy.root.appendingPathComponent(path), encoding: .utf8) }
            #expect(try text(Exercise.relu.file) == String(contentsOf: ws.appendingPathComponent(Exercise.relu.file), encoding: .utf8))
            #expect(try text("Sources/Exercises/TODO.swift") == templates["Sources/Exercises/TODO.swift"])
            #expect(try text("Package.swift") == templates["Package.swift"])
            #expect(try copy.marker().project == project)
        }
    }

    @Test func aLinkAmongTheSourcesIsRefusedNotFollowed() throws {
        try withTemporaryDirectory("graded-link") { dir in
            let ws = try submittedWorkspace(in: dir, relu: "solution/Relu.swift")
            let secret = dir.appendingPathComponent("secret.swift")
            try "let secret = 1\n".write(to: secret, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: ws.appendingPathComponent("Sources/Exercises/Secret.swift").path,
                                                       withDestinationPath: secret.path)
            let scratch = GradingScratch(folder: dir.appendingPathComponent("scratch"), project: "/p")
            #expect(throws: GradingScratchError("Sources/Exercises/Secret.swift: cannot be used (a symbolic link, not followed)")) {
                try scratch.copy(of: ws)
            }
            let code = LearnerCodeJudge(scratch: .success(scratch))
            let verdict = try code.verdict(for: try CodeCheckpointFixtures.spec("relu-code"), answer: ws.path,
                                           judge: Judge(environment: CallEnvironment(cache: nil)), progress: nil)
            #expect(verdict.outcome == .malformed)
            #expect(verdict.message.en.contains("Secret.swift: cannot be used (a symbolic link, not followed)"))
        }
    }

    @Test func withoutAScratchFolderNoCodeAnswerIsGradedInPlace() throws {
        try withTemporaryDirectory("graded-none") { dir in
            let ws = try submittedWorkspace(in: dir, relu: "solution/Relu.swift")
            let code = LearnerCodeJudge(scratch: .failure(GradingScratchError("no cache folder to build in")))
            let verdict = try code.verdict(for: try CodeCheckpointFixtures.spec("relu-code"), answer: ws.path,
                                           judge: Judge(environment: CallEnvironment(cache: nil)), progress: nil)
            #expect(verdict.outcome == .malformed)
            #expect(verdict.message.en.contains("no cache folder to build in"))
            #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent(".build").path))
        }
    }
}
#endif
