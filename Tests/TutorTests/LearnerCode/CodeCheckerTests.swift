import D2L
import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// End to end: a real workspace made by `Workspace.create`, built with `swift build`, running
/// learner code in the sandbox. Serialized: they share one workspace and its build.
@Suite(.serialized) struct CodeCheckerTests {
    let shared = SharedTestWorkspace.shared

    @Test func untouchedStubsBuildAndSayNotWrittenYet() throws {
        try shared.with { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec("relu-code"))
            #expect(!report.passed)
            #expect(report.notWritten)
            #expect(report.lines(.en)[0] == "relu is not written yet: fill in Sources/Exercises/Relu.swift (it still calls todo())")
            #expect(report.lines(.zh)[0].contains("还没有实现"))
        }
    }

    @Test func referenceSolutionPassesEveryCodeCheckpoint() throws {
        var ids = ["relu-code", "net-code", "loss-code", "sgd-code"]
        if SharedTestWorkspace.hasFashionMNIST { ids.append("train-code") }
        try shared.with(SharedTestWorkspace.solution) { ws in
            let checker = CodeCheckpointFixtures.checker(ws)
            for id in ids {
                let report = try checker.check(try CodeCheckpointFixtures.spec(id))
                #expect(report.passed, "\(id): \(report.lines(.en).joined(separator: " | "))")
                #expect(report.verdict.points == (try CodeCheckpointFixtures.spec(id)).points)
            }
        }
    }

    @Test func reluThatKeepsNegativesIsNamedByItsMistake() throws {
        try shared.with(["Relu.swift": "wrong/ReluKeepsNegatives.swift"]) { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec("relu-code"))
            #expect(!report.passed)
            #expect(report.verdict.mistake?.call == "relu_identity")
            let lines = report.lines(.en)
            #expect(lines[0] == "Your relu returns X unchanged; the negative entries must become 0.")
            #expect(lines[1] == "case 1 of 4: X: [[-1.5, 0, 2], [3, -0.25, 0.5]]")
            #expect(lines[2] == "element [0, 0]: expected 0, got -1.5 (tolerance 1e-06)")
        }
    }

    @Test func offByOneReluIsCaughtAtTheLastElement() throws {
        try shared.with(["Relu.swift": "wrong/ReluOffByOne.swift"]) { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec("relu-code"))
            guard case let .mismatch(caseIndex)? = report.failure,
                  case let .outsideTolerance(element)? = report.verdict.comparison?.outcome,
                  case let .array(given) = report.verdict.given else {
                Issue.record("expected a mismatch, got \(report.lines(.en))")
                return
            }
            // Only the last element was skipped: it is the one reported, and it was negative.
            #expect(element.index == given.index(ofFlat: given.count - 1))
            #expect(element.expected == 0 && element.given < 0)
            #expect(report.verdict.comparison?.mismatchCount == 1)
            #expect(caseIndex >= 1)
        }
    }

    @Test func netWithoutBiasIsNamed() throws {
        try shared.with(["Net.swift": "wrong/NetWithoutBias.swift", "Relu.swift": "solution/Relu.swift"]) { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec("net-code"))
            #expect(!report.passed)
            #expect(report.lines(.en)[0] == "It looks as if the biases were not added.")
            #expect(report.lines(.en)[1].hasPrefix("case 1 of 3: X: [[1, -2, 0.5]]"))
        }
    }

    @Test func unstableLossGivesNaNOnLargeLogitsAndIsNamed() throws {
        try shared.with(["Loss.swift": "wrong/LossUnstable.swift"]) { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec("loss-code"))
            #expect(!report.passed)
            guard case .mismatch(2)? = report.failure else {
                Issue.record("expected case 3 to fail, got \(report.lines(.en))")
                return
            }
            #expect(report.verdict.mistake?.call == "loss_unstable")
            #expect(report.lines(.en)[0].hasPrefix("exp(1000) overflows"))
            #expect(report.lines(.en).contains("the answer contains NaN at [0]; expected 0 there"))
        }
    }

    @Test func infiniteLoopIsStoppedByTheTimeLimit() throws {
        var spec = try CodeCheckpointFixtures.spec("relu-code")
        spec.code?.timeLimit = 2
        try shared.with(["Relu.swift": "wrong/ReluInfiniteLoop.swift"]) { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(spec)
            guard case .run(.timedOut(2), caseIndex: 0)? = report.failure else {
                Issue.record("expected a timeout, got \(report.lines(.en))")
                return
            }
            #expect(report.runSeconds < 10)
            #expect(report.lines(.en)[0] == "your relu did not finish within 2 s and was stopped: an infinite loop?")
        }
    }

    @Test func crashIsReportedWithTheRuntimeMessageAndTheLearnersLine() throws {
        try shared.with(["Relu.swift": "wrong/ReluCrash.swift"]) { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec("relu-code"))
            guard case let .run(.crashed(message, location), caseIndex: 0)? = report.failure else {
                Issue.record("expected a crash, got \(report.lines(.en))")
                return
            }
            #expect(message.contains("Index out of range"))
            #expect(location?.hasPrefix("Sources/Exercises/Relu.swift:6") == true)
            #expect(report.lines(.en)[0] == "your relu crashed")
        }
    }

    @Test func compilerErrorsAreShownAsFileLineMessage() throws {
        try shared.with(["Relu.swift": "wrong/ReluCompileError.swift"]) { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec("relu-code"))
            guard case let .build(build)? = report.failure else {
                Issue.record("expected a build failure, got \(report.lines(.en))")
                return
            }
            let first = try #require(build.diagnostics.first)
            #expect(first.file == "Sources/Exercises/Relu.swift")
            #expect(first.line == 4)
            #expect(first.severity == "error")
            #expect(first.message.contains("zero"))
            #expect(report.lines(.en)[0] == "your code does not compile:")
            #expect(report.lines(.en)[1].hasPrefix("Sources/Exercises/Relu.swift:4:"))
        }
    }
}

extension CodeCheckerTests {
    @Test func verifyBlankFindsEveryCheckpointFailingOnTheStubs() throws {
        let specs = try ["relu-code", "net-code", "loss-code", "sgd-code"].map { (language: "en", spec: try CodeCheckpointFixtures.spec($0)) }
        shared.with { ws in
            let rows = CodeVerifier.verify(specs, mode: .blank, workspace: ws, judge: Judge(environment: CallEnvironment(cache: nil)))
            #expect(rows.count == 4)
            #expect(rows.allSatisfy { $0.asExpected && !$0.passed && $0.message.contains("not written yet") })
        }
        let files = try CodeVerifier.solutionFiles(in: shared.fixtures.appendingPathComponent("solution").path)
        #expect(files.keys.sorted() == Exercise.allCases.map(\.file).sorted())
    }
}

extension CodeCheckerTests {
    @Test func hugeAllocationIsStoppedByTheMemoryLimit() throws {
        try shared.with(["Relu.swift": "wrong/ReluHugeAllocation.swift"]) { ws in
            var checker = CodeCheckpointFixtures.checker(ws)
            checker.memoryBytes = 1 << 30
            let report = try checker.check(try CodeCheckpointFixtures.spec("relu-code"))
            guard case .run(.outOfMemory(1024), caseIndex: 0)? = report.failure else {
                Issue.record("expected out of memory, got \(report.lines(.en))")
                return
            }
            #expect(report.lines(.en)[0] == "your relu needed more than 1024 MB of memory and was stopped")
        }
    }
}

extension CodeCheckerTests {
    @Test func learnersOwnPrintsDoNotDisturbTheResults() throws {
        try shared.with(["Relu.swift": "wrong/ReluPrintsAndIsRight.swift"]) { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec("relu-code"))
            #expect(report.passed, "\(report.lines(.en))")
        }
    }
}

extension CodeCheckerTests {
    @Test(.enabled(if: SharedTestWorkspace.hasFashionMNIST))
    func trainingLoopThatNeverUpdatesDoesNotLearn() throws {
        var files = SharedTestWorkspace.solution
        files["Train.swift"] = "wrong/TrainNeverUpdates.swift"
        try shared.with(files) { ws in
            let report = try CodeCheckpointFixtures.checker(ws).check(try CodeCheckpointFixtures.spec("train-code"))
            guard case .mismatch(0)? = report.failure, case let .outsideTolerance(e)? = report.verdict.comparison?.outcome else {
                Issue.record("expected a mismatch, got \(report.lines(.en))")
                return
            }
            // The library learns: well above chance, though 2 epochs on 6000 images of a fresh
            // random draw can end below 0.5 (one ended at 0.487). The untrained network stays near
            // chance (0.1).
            #expect(e.expected > 0.35)
            #expect(e.given < 0.3)
        }
    }
}
