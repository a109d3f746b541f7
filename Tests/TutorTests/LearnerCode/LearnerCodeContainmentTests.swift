#if os(Linux)
import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons

/// Hostile learner code, built in the shared workspace and run the way `tutor check` runs it.
@Suite(.serialized) struct LearnerCodeContainmentTests {
    let shared = SharedTestWorkspace.shared

    func check(_ ws: Workspace, _ id: String = "relu-code") throws -> CodeCheckReport {
        try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec(id))
    }

    /// The learner's output of one relu case, run directly (the report does not carry it).
    func output(_ ws: Workspace) throws -> String {
        let build = ws.build()
        try #require(build.succeeded, "\(build.report)")
        let run = ws.run(function: .relu, cases: [[("X", .tensor(.init(shape: [1, 2], scalars: [-1, 1])))]],
                         limits: SandboxLimits(seconds: 20))
        #expect(run.failure == nil, "\(String(describing: run.failure))")
        return run.sandbox.stdoutText
    }

    @Test func detachedChildIsGoneAfterTheCheckWhichPasses() throws {
        try shared.with(["Relu.swift": "hostile/ReluDetachesChild.swift"]) { ws in
            let report = try check(ws)
            #expect(report.passed, "\(report.lines(.en))")
            #expect(report.runSeconds < 10)
            var alive = SandboxIsolationTests.processes(withArgument: "317")
            for _ in 0..<20 where !alive.isEmpty {
                Thread.sleep(forTimeInterval: 0.1)
                alive = SandboxIsolationTests.processes(withArgument: "317")
            }
            #expect(alive.isEmpty, "still running: \(alive)")
            for pid in alive { kill(pid, SIGKILL) }
        }
    }

    @Test func killingItsParentDoesNotKillTheTutor() throws {
        // Without a sandbox this test process would be killed here.
        try shared.with(["Relu.swift": "hostile/ReluKillsItsParent.swift"]) { ws in
            let report = try check(ws)
            #expect(report.passed, "\(report.lines(.en))")
        }
    }

    @Test func writesInAndAroundTheWorkspaceFail() throws {
        try shared.with(["Relu.swift": "hostile/ReluWritesOutside.swift"]) { ws in
            let targets = [ws.root.appendingPathComponent("escaped.txt").path,
                           ws.root.deletingLastPathComponent().appendingPathComponent("escaped-from-workspace.txt").path,
                           "/tmp/tutor-escaped-from-workspace.txt"]
            for t in targets { try? FileManager.default.removeItem(atPath: t) }
            let report = try check(ws)
            #expect(report.passed, "\(report.lines(.en))")
            for t in targets {
                #expect(!FileManager.default.fileExists(atPath: t), "learner code wrote \(t)")
                try? FileManager.default.removeItem(atPath: t)
            }
        }
    }

    @Test func environmentProgressAndCacheAreOutOfSight() throws {
        let host = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-secrets-\(UUID().uuidString)")
        let progress = host.appendingPathComponent("tutor/progress.json")
        let cache = host.appendingPathComponent("cache/tutor/reference.npy")
        for f in [progress, cache] {
            try FileManager.default.createDirectory(at: f.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "secret".write(to: f, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: host) }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        try shared.with(["Relu.swift": "hostile/ReluReadsSecrets.swift"]) { ws in
            let probes = ws.root.appendingPathComponent("probe-paths.txt")
            try ([progress.path, cache.path, home, "/etc/shadow"].joined(separator: "\n") + "\n")
                .write(to: probes, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: probes) }
            let out = try output(ws)
            let names = Set(out.split(separator: "\n").filter { $0.hasPrefix("ENV ") }.map { String($0.dropFirst(4)) })
            #expect(names.isSubset(of: ["PATH", "PWD", "OPENBLAS_NUM_THREADS", "SWIFT_BACKTRACE"]), "\(names)")
            #expect(!names.isEmpty, "the fixture printed nothing: \(out)")
            #expect(!out.contains("READABLE"), "\(out)")
        }
    }

    @Test func forkBombStopsAtTheProcessLimit() throws {
        try shared.with(["Relu.swift": "hostile/ReluForkBomb.swift"]) { ws in
            let out = try output(ws)
            let started = out.split(separator: "\n").first { $0.hasPrefix("STARTED ") }.flatMap { Int($0.dropFirst(8)) }
            let limit = SandboxIsolation(readOnly: []).processes
            #expect(started != nil, "\(out)")
            #expect((started ?? .max) < limit, "started \(started ?? -1) processes")
        }
    }

    @Test func theLibrarysOwnExerciseFunctionsAreOutOfReach() {
        let cheats = Dictionary(uniqueKeysWithValues: SharedTestWorkspace.solution.keys.map { ($0, "cheats/" + $0) })
        shared.with(cheats) { ws in
            let build = ws.build()
            #expect(!build.succeeded)
            let files = Set(build.diagnostics.filter { $0.severity == "error" }.map(\.file))
            #expect(files == Set(Exercise.allCases.map(\.file)), "\(build.report)")
        }
    }

    @Test func resultLinesPrintedByTheLearnersCodeDoNotPass() throws {
        try shared.with(["Relu.swift": "hostile/ReluForgesResults.swift"]) { ws in
            let report = try check(ws)
            #expect(!report.passed, "\(report.verdict.message.text(.en))")
            #expect(report.verdict.details.map { $0.text(.en) }.contains("the runner gave 0 results for 4 cases"),
                    "\(report.verdict.details.map { $0.text(.en) })")
        }
    }

    @Test(.enabled(if: SharedTestWorkspace.hasFashionMNIST))
    func aPrintedAccuracyWithoutTrainingDoesNotPass() throws {
        var files = SharedTestWorkspace.solution
        files["Train.swift"] = "hostile/TrainPrintsAccuracy.swift"
        try shared.with(files) { ws in
            let report = try check(ws, "train-code")
            #expect(!report.passed, "\(report.verdict.message.text(.en))")
        }
    }

    @Test func anAnswerComputedForTheLessonsSeedFailsOnFreshCases() throws {
        try shared.with(["Relu.swift": "hostile/ReluPrecomputed.swift"]) { ws in
            let report = try check(ws)
            guard case .mismatch(1)? = report.failure else {
                Issue.record("expected case 2 to differ, got \(report.verdict.details.map { $0.text(.en) })")
                return
            }
            #expect(report.verdict.details.map { $0.text(.en) }.contains("random cases drawn with seed \(report.seed)"))
        }
        try shared.with(SharedTestWorkspace.solution) { ws in
            let spec = try CodeCheckpointFixtures.spec("relu-code")
            let checker = CodeCheckpointFixtures.checker(ws)
            let a = try checker.check(spec, seed: 42), b = try checker.check(spec, seed: 42)
            #expect(a.passed && b.passed)
            #expect(a.seed == 42 && a.verdict.comparison == b.verdict.comparison)
        }
    }

    @Test func outOfMemoryWordsThenExitAreNotReportedAsOutOfMemory() throws {
        try shared.with(["Relu.swift": "wrong/ReluPrintsOutOfMemory.swift"]) { ws in
            let report = try check(ws)
            guard case .run(.failed, caseIndex: 0)? = report.failure else {
                Issue.record("expected a failed run, got \(report.lines(.en))")
                return
            }
            #expect(report.lines(.en)[0] == "running your relu failed")
            #expect(report.lines(.en).contains("the runner exited with status 1"))
        }
    }

    @Test func printedStubMarkerIsNotTakenForAnUntouchedStub() throws {
        try shared.with(["Relu.swift": "wrong/ReluPrintsTodoMarker.swift"]) { ws in
            let report = try check(ws)
            #expect(!report.notWritten)
            #expect(!report.passed)
            #expect(report.lines(.en).contains("the runner exited with status 3"), "\(report.lines(.en))")
        }
    }
}
#endif
