import D2L
import Foundation
import Testing
import RunnerWire
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// Making and finding workspaces, and reading compiler output: no builds here.
@Suite struct WorkspaceTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ws-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func initWritesEveryFileAndDependsOnTheProjectByPath() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (ws, written) = try Workspace.create(at: dir.appendingPathComponent("ex"), projectPath: "/some/project")
        #expect(Set(written) == Set(Workspace.templateFiles(projectPath: "/some/project").keys))
        let manifest = try String(contentsOf: ws.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains(#".package(name: "mlp-tutor", path: "/some/project")"#))
        let relu = try String(contentsOf: ws.exerciseFile(for: .relu), encoding: .utf8)
        #expect(relu.contains("todo()") && relu.contains("中文"))
        #expect(try ws.marker().project == "/some/project")
    }

    @Test func initNeverOverwritesTheLearnersWork() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (ws, _) = try Workspace.create(at: dir, projectPath: "/p")
        let relu = ws.exerciseFile(for: .relu)
        try "my work".write(to: relu, atomically: true, encoding: .utf8)
        try "edited".write(to: ws.root.appendingPathComponent("Sources/runner/main.swift"), atomically: true, encoding: .utf8)
        let (_, written) = try Workspace.create(at: dir, projectPath: "/p", force: true)
        #expect(try String(contentsOf: relu, encoding: .utf8) == "my work")
        #expect(written.contains("Sources/runner/main.swift"))
        #expect(!written.contains("Sources/Exercises/Relu.swift"))
        // A check refreshes the tutor's files the same way, and only those.
        try "old runner".write(to: ws.root.appendingPathComponent("Sources/runner/main.swift"), atomically: true, encoding: .utf8)
        try ws.refreshTutorFiles()
        #expect(try String(contentsOf: ws.root.appendingPathComponent("Sources/runner/main.swift"), encoding: .utf8)
                == Workspace.templateFiles(projectPath: "/p")["Sources/runner/main.swift"])
        #expect(try String(contentsOf: relu, encoding: .utf8) == "my work")
    }

    /// A workspace submitted from a learner's machine names a project path the grader does not
    /// have: its manifest is pointed at the grader's project, and the learner's files are kept.
    @Test func aWorkspaceMadeOnAnotherMachineDependsOnThisProject() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL.path
        let manifest = dir.appendingPathComponent("ws/Package.swift")
        let (ws, _) = try Workspace.create(at: dir.appendingPathComponent("ws"), projectPath: "/home/ada/mlp-tutor")
        try "my work".write(to: ws.exerciseFile(for: .relu), atomically: true, encoding: .utf8)
        try ws.refreshTutorFiles(thisProject: { here })
        #expect(try String(contentsOf: manifest, encoding: .utf8) == Workspace.templateFiles(projectPath: here)["Package.swift"])
        #expect(try String(contentsOf: ws.exerciseFile(for: .relu), encoding: .utf8) == "my work")
        #expect(try ws.marker().project == "/home/ada/mlp-tutor")
        // A marker naming a project that exists here keeps it.
        let (kept, _) = try Workspace.create(at: dir.appendingPathComponent("kept"), projectPath: here)
        try kept.refreshTutorFiles(thisProject: { "/elsewhere" })
        #expect(try String(contentsOf: kept.root.appendingPathComponent("Package.swift"), encoding: .utf8).contains("path: \"\(here)\""))
    }

    @Test func initRefusesAFolderThatHoldsSomethingElse() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: WorkspaceError.folderNotEmpty(dir.path)) { try Workspace.create(at: dir, projectPath: "/p") }
    }

    @Test func locateFindsTheWorkspaceFromInsideIt() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (ws, _) = try Workspace.create(at: dir.appendingPathComponent("mlp-exercises"), projectPath: "/p")
        let inside = ws.root.appendingPathComponent("Sources/Exercises").path
        #expect(try Workspace.locate(explicit: nil, environment: [:], currentDirectory: inside).root == ws.root)
        #expect(try Workspace.locate(explicit: nil, environment: [:], currentDirectory: dir.path).root == ws.root)
        #expect(throws: WorkspaceError.noWorkspace) {
            try Workspace.locate(explicit: nil, environment: [:], currentDirectory: "/")
        }
        #expect(throws: WorkspaceError.notAWorkspace(dir.path)) {
            try Workspace.locate(explicit: dir.path, environment: [:], currentDirectory: "/")
        }
    }

    @Test func projectLocatorRecognisesThisPackage() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        #expect(ProjectLocator.isProject(root))
        #expect(!ProjectLocator.isProject(root.appendingPathComponent("Sources")))
        #expect(try ProjectLocator.find(explicit: root.path) == root.standardizedFileURL.path)
        #expect(throws: WorkspaceError.projectNotFound) { try ProjectLocator.find(explicit: "/tmp") }
    }

    @Test func compilerOutputBecomesRelativeFileLineMessages() {
        let root = URL(fileURLWithPath: "/w/ex")
        let output = """
        [1/4] Compiling Exercises Relu.swift
        /w/ex/Sources/Exercises/Relu.swift:4:21: error: cannot find 'zero' in scope
         2 |
         3 | public func relu(_ X: Tensor) -> Tensor {
         4 |     X.map { max($0, zero) }
           |                     `- error: cannot find 'zero' in scope
        /w/ex/Sources/Exercises/Relu.swift:4:21: error: cannot find 'zero' in scope
        /w/ex/Sources/Exercises/Net.swift:9:9: warning: variable 'h' was never mutated
        """
        let d = CompilerOutput.diagnostics(in: output, root: root)
        #expect(d.count == 2)
        #expect(d[0].description == "Sources/Exercises/Relu.swift:4:21: error: cannot find 'zero' in scope")
        #expect(d[0].sourceLine == "     X.map { max($0, zero) }")
        #expect(d[1].severity == "warning" && d[1].line == 9)
    }

    @Test func runnerRequestEncodesNonFiniteNumbersAsStrings() {
        let request = RunnerProtocol.request(function: "loss", token: "t1", cases: [[("y_hat", .tensor(.init(shape: [1, 2], scalars: [.nan, -.infinity]))), ("y", .integers([1]))]])
        #expect(request == #"{"function":"loss","token":"t1","cases":[{"y_hat":{"shape":[1,2],"data":["nan","-inf"]},"y":[1]}]}"#)
        let results = try? RunnerProtocol.results(from: "learner says hi\n" + RunnerWire.resultMarker + #"t1 {"case":0,"value":{"shape":[2],"data":[0.5,"inf"]}}"# + "\n", token: "t1")
        #expect(results?.first?.scalars == [0.5, .infinity])
    }

    @Test func resultLinesWithoutTheRunsTokenAreTheLearnersOwnOutput() throws {
        let forged = RunnerWire.resultMarker + #"{"case":0,"value":{"shape":[],"data":[0.9]}}"#
        let wrongToken = RunnerWire.resultMarker + #"guess {"case":0,"value":{"shape":[],"data":[0.9]}}"#
        let real = RunnerWire.resultLine(case: 0, Tensor(scalar: 0.5), token: "t2")
        #expect(try RunnerProtocol.results(from: forged + "\n" + wrongToken + "\n", token: "t2").isEmpty)
        #expect(try RunnerProtocol.results(from: forged + "\n" + real + "\n", token: "t2").map(\.scalars) == [[0.5]])
        #expect(RunnerProtocol.newToken() != RunnerProtocol.newToken())
    }

    @Test func aResultWhoseShapeOverflowsIsAnErrorNamingTheLine() throws {
        // One size far past the data, and 64 sizes of 2 (each within the data) whose product overflows.
        for shape in ["4611686018427387904,4", Array(repeating: "2", count: 64).joined(separator: ",")] {
            let line = RunnerWire.resultMarker + "t3 {\"case\":0,\"value\":{\"shape\":[\(shape)],\"data\":[1,2]}}"
            #expect { try RunnerProtocol.results(from: line + "\n", token: "t3") } throws: {
                let text = "\($0)"
                return $0 is RunnerWire.WireError && text.hasPrefix("the runner printed something unexpected") && text.contains("[\(shape)]")
            }
        }
        // The same data with a shape that fits is a result.
        let fits = RunnerWire.resultMarker + #"t3 {"case":0,"value":{"shape":[2,1],"data":[1,2]}}"#
        #expect(try RunnerProtocol.results(from: fits + "\n", token: "t3").map(\.shape) == [[2, 1]])
    }
}
