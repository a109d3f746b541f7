import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// The sandbox is exercised with /bin/sh one-liners, so these tests build nothing.
@Suite struct SandboxTests {
    let quick = SandboxLimits(seconds: 10, memoryBytes: 512 << 20, outputBytes: 1 << 20)

    @Test func capturesStdoutStderrAndExitStatus() {
        let r = Sandbox.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], limits: quick)
        #expect(r.outcome == .exited(3))
        #expect(r.stdoutText == "out\n")
        #expect(r.stderrText == "err\n")
        #expect(r.summary == "exited with status 3")
    }

    @Test func infiniteLoopIsStoppedByTheTimeLimit() {
        var limits = quick
        limits.seconds = 1
        // The loop runs in a grandchild too: the whole process group must die.
        let r = Sandbox.run("/bin/sh", ["-c", "(while :; do :; done) & while :; do :; done"], limits: limits)
        #expect(r.outcome == .timedOut)
        #expect(r.seconds < 8)
        #expect(r.summary.contains("time limit"))
    }

    @Test func crashIsReportedWithItsSignal() {
        let r = Sandbox.run("/bin/sh", ["-c", "kill -SEGV $$"], limits: quick)
        #expect(r.outcome == .crashed(signal: SIGSEGV))
        #expect(r.summary.contains("SIGSEGV"))
    }

    @Test func endlessOutputIsCutAtTheCap() {
        var limits = quick
        limits.outputBytes = 100_000
        let r = Sandbox.run("/bin/sh", ["-c", "while :; do echo yyyyyyyyyyyyyyyyyyyy; done"], limits: limits)
        #expect(r.outcome == .outputTooLarge)
        #expect(r.stdout.count <= 100_000 + 65536)
    }

    @Test func memoryLimitAppliesInTheChildOnly() {
        let r = Sandbox.run("/bin/sh", ["-c", "ulimit -v"], limits: quick)
        #expect(r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == String((512 << 20) / 1024))
        var mine = rlimit()
        getrlimit(Int32(RLIMIT_AS.rawValue), &mine)
        #expect(mine.rlim_cur == rlim_t.max)
    }

    @Test func stdinComesFromAFileAndDirectoryIsHonoured() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.txt")
        try "hello\n".write(to: input, atomically: true, encoding: .utf8)
        let r = Sandbox.run("/bin/sh", ["-c", "cat; pwd"], directory: dir.path, stdinFile: input.path, limits: quick)
        #expect(r.outcome == .exited(0))
        #expect(r.stdoutText.hasPrefix("hello\n"))
        #expect(r.stdoutText.hasSuffix(dir.lastPathComponent + "\n"))
    }

    @Test func cancellationKillsTheChild() {
        let start = Date()
        let r = Sandbox.run("/bin/sh", ["-c", "sleep 30"], limits: quick,
                            isCancelled: { Date().timeIntervalSince(start) > 0.3 })
        #expect(r.outcome == .cancelled)
        #expect(r.seconds < 5)
    }

    @Test func missingProgramIsALaunchFailureNotACrash() {
        let r = Sandbox.run("/nonexistent/program", [], limits: SandboxLimits(seconds: 5, memoryBytes: nil))
        guard case .launchFailed = r.outcome else {
            Issue.record("expected launchFailed, got \(r.outcome)")
            return
        }
    }
}
